import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MailchimpError } from "../../mailchimp"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import type { SavedSettings } from "../../modules/mailchimp/settings/effective-options"

/** A change from the admin: `interest_categories` names the categories of the audience in force after it. */
export type MailchimpSettingsChange = Partial<Omit<SavedSettings, "updated_at" | "updated_by" | "interest_categories">> & {
  interest_categories?: string[] | null
}

/** The audience the settings are about once the change is saved. */
export function audienceAfter(change: MailchimpSettingsChange, service: IMailchimpModuleService): string {
  const options = service.getOptions()
  return change.audience_id === undefined ? options.audienceId : change.audience_id ?? service.getConfiguredOptions().audienceId
}

/**
 * Checks a change against Mailchimp before it is saved: the audience exists in this account,
 * and it has the merge tags and interest categories named. Reads only.
 */
export const checkMailchimpSettingsStep = createStep(
  "check-mailchimp-settings",
  async (change: MailchimpSettingsChange, { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const audienceId = audienceAfter(change, service)
    const mergeFields = change.merge_fields === undefined ? null : { ...service.getConfiguredOptions().mergeFields, ...(change.merge_fields ?? {}) }
    const categories = change.interest_categories ?? []
    if (change.audience_id === undefined && !mergeFields && !categories.length) {
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
      if (categories.length) {
        const known = new Set((await client.interests.listCategories(audienceId, { count: 1000 })).categories.map((c) => c.id))
        const unknown = categories.map((id, i) => [i, id] as const).filter(([, id]) => !known.has(id))
        if (unknown.length) {
          throw new MedusaError(
            MedusaError.Types.INVALID_DATA,
            unknown.map(([i, id]) => `interest_categories[${i}]: the audience "${list.name}" has no interest category ${id}`).join("; ")
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
