import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../../modules/mailchimp-commerce"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import type { IMailchimpCommerceService } from "../../../../types/mailchimp-commerce-module"
import type { AdminMailchimpSalesChannelsResponse, AdminSaveSalesChannelMappingResponse } from "../../../../types/http"
import { updateSalesChannelMappingWorkflow } from "../../../../workflows/update-sales-channel-mapping"
import { channelStoresOf, salesChannelsView } from "./sales-channels-view"
import type { AdminSaveSalesChannelMappingType } from "./validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpSalesChannelsResponse>) {
  // The mapping another process saved shows at once here (the jobs pick it up within 30 s).
  await req.scope.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE).refreshCommerceSettings()
  res.json({ sales_channels: await salesChannelsView(req.scope) })
}

/**
 * Saves the whole mapping (null: back to the salesChannels option). A bad mapping is a 400 naming the channel and
 * field, and nothing is saved; a channel sent to a store that lacks its objects answers `backfill_needed`.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminSaveSalesChannelMappingType>,
  res: MedusaResponse<AdminSaveSalesChannelMappingResponse>
) {
  const { result } = await updateSalesChannelMappingWorkflow(req.scope).run({
    input: { sales_channels: channelStoresOf(req.validatedBody.sales_channels), updated_by: req.auth_context?.actor_id ?? null },
  })
  // Consents follow the same mapping (the core module reads the saved row with its settings): at once in this
  // process, within 30 s in the others.
  await req.scope.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).refreshSettings()
  res.json({
    sales_channels: await salesChannelsView(req.scope),
    backfill_needed: result.backfill_channels.length > 0,
    backfill_channels: result.backfill_channels,
  })
}
