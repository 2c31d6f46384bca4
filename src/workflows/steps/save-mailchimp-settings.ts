import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { withAudienceCategories, type SavedSettings } from "../../modules/mailchimp/settings/effective-options"
import { audienceAfter, type MailchimpSettingsChange } from "./check-mailchimp-settings"

export type SaveMailchimpSettingsInput = { change: MailchimpSettingsChange; updated_by: string | null }

/** Saves the settings and makes them effective in this process at once (others within 30 s). */
export const saveMailchimpSettingsStep = createStep(
  "save-mailchimp-settings",
  async ({ change, updated_by }: SaveMailchimpSettingsInput, { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const { interest_categories, ...rest } = change
    const perAudience =
      interest_categories === undefined
        ? {}
        : { interest_categories: withAudienceCategories(service.getSavedSettings(), audienceAfter(change, service), interest_categories) }
    const { previous, saved } = await service.saveSettings({ ...rest, ...perAudience, updated_by })
    await service.refreshSettings()
    return new StepResponse(saved, previous)
  },
  async (previous: SavedSettings | null | undefined, { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const { updated_at: _at, ...restore } = previous ?? {
      audience_id: null,
      double_opt_in: null,
      checkout_label: null,
      tags: null,
      merge_fields: null,
      interest_categories: null,
      updated_by: null,
    }
    await service.saveSettings(restore)
    await service.refreshSettings()
  }
)
