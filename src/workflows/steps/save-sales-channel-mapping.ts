import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { SavedCommerceSettings } from "../../modules/mailchimp-commerce/settings/saved-mapping"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { SalesChannelMappingChange } from "./check-sales-channel-mapping"

export type SaveSalesChannelMappingInput = SalesChannelMappingChange & { updated_by: string | null }

/** Saves the mapping and makes it effective in this process at once (in the others within 30 s). */
export const saveSalesChannelMappingStep = createStep(
  "save-sales-channel-mapping",
  async ({ sales_channels, updated_by }: SaveSalesChannelMappingInput, { container }) => {
    const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    const { previous, saved } = await commerce.saveCommerceSettings({ sales_channels, updated_by })
    await commerce.refreshCommerceSettings()
    return new StepResponse(saved, previous)
  },
  async (previous: SavedCommerceSettings | null | undefined, { container }) => {
    const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    await commerce.saveCommerceSettings({ sales_channels: previous?.sales_channels ?? null, updated_by: previous?.updated_by ?? null })
    await commerce.refreshCommerceSettings()
  }
)
