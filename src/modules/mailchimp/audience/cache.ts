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
 * An audience's double opt-in setting and merge tags (the plugin's, or a sales channel's), read from Mailchimp at
 * most every five minutes; a failed read is not kept. The configured doubleOptIn wins over the audience's when it is
 * true or false.
 */
export class AudienceCache {
  protected entries_ = new Map<string, { value: Promise<AudienceProfile>; at: number }>()

  constructor(protected readonly client_: () => MailchimpClient, protected readonly options_: () => PluginOptions) {}

  /** The plugin's audience, unless another is named. */
  get(audienceId: string = this.options_().audienceId): Promise<AudienceProfile> {
    let entry = this.entries_.get(audienceId)
    if (!entry || Date.now() - entry.at > AUDIENCE_CACHE_MS) {
      const value = this.read(audienceId)
      const next = { value, at: Date.now() }
      entry = next
      this.entries_.set(audienceId, next)
      value.catch(() => {
        if (this.entries_.get(audienceId) === next) this.entries_.delete(audienceId)
      })
    }
    return entry.value
  }

  forget(): void {
    this.entries_.clear()
  }

  protected async read(audienceId: string): Promise<AudienceProfile> {
    const client = this.client_()
    const { doubleOptIn } = this.options_()
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
