import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MailchimpError } from "../../mailchimp"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type MailchimpModuleService from "../../modules/mailchimp/service"
import type { SavedSettings } from "../../modules/mailchimp/settings/effective-options"

export type MailchimpSettingsChange = Partial<Omit<SavedSettings, "updated_at" | "updated_by">>

/**
 * Checks a change against Mailchimp before it is saved: the audience exists in this account,
 * and it has the merge tags named. Reads only.
 */
export const checkMailchimpSettingsStep = createStep(
  "check-mailchimp-settings",
  async (change: MailchimpSettingsChange, { container }) => {
    const service: MailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const options = service.getOptions()
    const audienceId = change.audience_id === undefined ? options.audienceId : change.audience_id ?? service.getConfiguredOptions().audienceId
    const mergeFields = change.merge_fields === undefined ? null : { ...service.getConfiguredOptions().mergeFields, ...(change.merge_fields ?? {}) }
    if (change.audience_id === undefined && !mergeFields) {
      return new StepResponse({ audience_id: audienceId })
    }
    const client = service.getClient()
    try {
      const list = await client.lists.getList(audienceId, { fields: ["id", "name"] })
      if (mergeFields) {
        const { merge_fields } = await client.mergeFields.list(audienceId, { count: 1000, fields: ["merge_fields.tag"] })
        const tags = new Set(merge_fields.map((f) => f.tag))
        const missing = Object.entries(mergeFields).filter(([, tag]) => !tags.has(tag))
        if (missing.length) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            missing.map(([key, tag]) => `merge_fields.${key}: the audience "${list.name}" has no merge field ${tag}`).join("; ")
          )
        }
      }
    } catch (e) {
      if (!(e instanceof MailchimpError)) throw e
      if (e.status === 404) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `audience_id: this Mailchimp account has no audience ${audienceId}`)
      }
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        `Mailchimp could not be asked about the audience (${e.title}: ${e.detail}); nothing was saved`
      )
    }
    return new StepResponse({ audience_id: audienceId })
  }
)
