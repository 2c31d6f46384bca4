import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type MailchimpModuleService from "../../modules/mailchimp/service"
import type { SavedSettings } from "../../modules/mailchimp/settings/effective-options"
import type { MailchimpSettingsChange } from "./check-mailchimp-settings"

export type SaveMailchimpSettingsInput = { change: MailchimpSettingsChange; updated_by: string | null }

/** Saves the settings and makes them effective in this process at once (others within 30 s). */
export const saveMailchimpSettingsStep = createStep(
  "save-mailchimp-settings",
  async ({ change, updated_by }: SaveMailchimpSettingsInput, { container }) => {
    const service: MailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const { previous, saved } = await service.saveSettings({ ...change, updated_by })
    await service.refreshSettings()
    return new StepResponse(saved, previous)
  },
  async (previous: SavedSettings | null | undefined, { container }) => {
    const service: MailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const { updated_at: _at, ...restore } = previous ?? {
      audience_id: null,
      double_opt_in: null,
      checkout_label: null,
      tags: null,
      merge_fields: null,
      updated_by: null,
    }
    await service.saveSettings(restore)
    await service.refreshSettings()
  }
)
