import type { MailchimpClient } from "../../../mailchimp"
import type { PluginOptions } from "../../../options"

const AUDIENCE_CACHE_MS = 5 * 60_000

export type AudienceProfile = {
  id: string
  name: string
  doubleOptIn: boolean
  mergeTags: Set<string>
  /** Required fields without a default: a member write that cannot fill one goes with skip_merge_validation. */
  requiredTags: Set<string>
  /** Phone fields of the "US" format: they take NPA-NXX-LINE only. */
  usPhoneTags: Set<string>
}

/**
 * The audience's double opt-in setting and merge tags, read from Mailchimp at most every five minutes; a
 * failed read is not kept. The configured doubleOptIn wins over the audience's when it is true or false.
 */
export class AudienceCache {
  protected entry_?: { value: Promise<AudienceProfile>; at: number }

  constructor(protected readonly client_: () => MailchimpClient, protected readonly options_: () => PluginOptions) {}

  get(): Promise<AudienceProfile> {
    if (!this.entry_ || Date.now() - this.entry_.at > AUDIENCE_CACHE_MS) {
      const value = this.read()
      const entry = { value, at: Date.now() }
      this.entry_ = entry
      value.catch(() => {
        if (this.entry_ === entry) this.entry_ = undefined
      })
    }
    return this.entry_.value
  }

  forget(): void {
    this.entry_ = undefined
  }

  protected async read(): Promise<AudienceProfile> {
    const client = this.client_()
    const { audienceId, doubleOptIn } = this.options_()
    const list = await client.lists.getList(audienceId)
    const fields = await client.mergeFields.list(audienceId, { count: 1000 })
    return {
      id: list.id,
      name: list.name,
      doubleOptIn: doubleOptIn === "audience" ? !!list.double_optin : doubleOptIn,
      mergeTags: new Set(fields.merge_fields.map((f) => f.tag)),
      requiredTags: new Set(fields.merge_fields.filter((f) => f.required && !f.default_value).map((f) => f.tag)),
      usPhoneTags: new Set(fields.merge_fields.filter((f) => f.type === "phone" && f.options?.phone_format === "US").map((f) => f.tag)),
    }
  }
}
