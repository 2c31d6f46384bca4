import type { InterestCategoriesPage, MailchimpClient } from "../../../mailchimp"
import type { PluginOptions } from "../../../options"

const OFFER_CACHE_MS = 5 * 60_000

export type OfferedInterest = { id: string; name: string }
export type OfferedCategory = { id: string; title: string; type: string; interests: OfferedInterest[] }
export type OfferedPermission = { id: string; text: string }

/** What a shopper may choose with an opt-in: the merchant's interest categories and the audience's GDPR fields. */
export type OptInOffer = {
  audience_id: string
  interest_categories: OfferedCategory[]
  /** Mailchimp's own ids and texts, as a member of the audience shows them. */
  marketing_permissions: OfferedPermission[]
  /** Why no marketing permission is offered (for the merchant); null when some are. */
  marketing_permissions_note: string | null
  /** Categories the merchant chose that the audience no longer has. */
  missing_categories: string[]
}

export const NO_GDPR_FIELDS = "The audience has no GDPR fields (marketing permissions) enabled in Mailchimp."
export const NO_MEMBER_YET =
  "The audience has GDPR fields, but Mailchimp's API shows them (ids and texts) only on a member record: none is offered until the audience has a member."

/**
 * Reads an audience's offer from Mailchimp at most every five minutes (and again when the chosen categories change);
 * a failed read is not kept. Marketing permissions are read from one member of the audience, because the audience
 * itself only says whether it has them.
 */
export class OptInOfferCache {
  protected entries_ = new Map<string, { key: string; value: Promise<OptInOffer>; at: number }>()

  constructor(
    protected readonly client_: () => MailchimpClient,
    protected readonly options_: () => PluginOptions,
    /** The interest categories the merchant offers in an audience (kept per audience). */
    protected readonly categories_: (audienceId: string) => string[]
  ) {}

  /** The plugin's audience, unless another (a sales channel's) is named. */
  get(audienceId: string = this.options_().audienceId): Promise<OptInOffer> {
    const interestCategories = this.categories_(audienceId)
    const key = interestCategories.join(",")
    const entry = this.entries_.get(audienceId)
    if (entry && entry.key === key && Date.now() - entry.at <= OFFER_CACHE_MS) return entry.value
    const value = this.read(audienceId, interestCategories)
    const next = { key, value, at: Date.now() }
    this.entries_.set(audienceId, next)
    value.catch(() => {
      if (this.entries_.get(audienceId) === next) this.entries_.delete(audienceId)
    })
    return value
  }

  forget(): void {
    this.entries_.clear()
  }

  protected async read(audienceId: string, chosen: string[]): Promise<OptInOffer> {
    const client = this.client_()
    const [list, categories] = await Promise.all([
      client.lists.getList(audienceId, { fields: ["id", "marketing_permissions"] }),
      chosen.length
        ? client.interests.listCategories(audienceId, { count: 1000 })
        : Promise.resolve<Pick<InterestCategoriesPage, "categories">>({ categories: [] }),
    ])
    const byId = new Map(categories.categories.map((c) => [c.id, c]))
    const offered = chosen.filter((id) => byId.has(id)).map((id) => byId.get(id)!)
    const interest_categories = await Promise.all(
      offered.map(async (c) => {
        const page = await client.interests.listInterests(audienceId, c.id, { count: 1000 })
        return { id: c.id, title: c.title, type: c.type, interests: page.interests.map((i) => ({ id: i.id, name: i.name })) }
      })
    )
    let marketing_permissions: OfferedPermission[] = []
    let note: string | null = NO_GDPR_FIELDS
    if (list.marketing_permissions) {
      const page = await client.members.list(audienceId, { count: 1, fields: ["members.marketing_permissions"] })
      const shown = page.members[0]?.marketing_permissions ?? []
      marketing_permissions = shown.map((p) => ({ id: p.marketing_permission_id, text: p.text ?? "" }))
      note = marketing_permissions.length ? null : NO_MEMBER_YET
    }
    return {
      audience_id: audienceId,
      interest_categories,
      marketing_permissions,
      marketing_permissions_note: note,
      missing_categories: chosen.filter((id) => !byId.has(id)),
    }
  }
}

/** The interests and permissions a shopper chose, as the server names them (the client's words are not kept). */
export type OptInExtras = {
  interests: Array<OfferedInterest & { category_id: string }>
  marketing_permissions: OfferedPermission[]
}

export type OptInExtrasInput = { interests?: string[]; marketing_permissions?: string[] }

/**
 * Checks the chosen ids against the offer: an id not offered is an error naming its field
 * (`interests[2]`, `marketing_permissions[0]`). Nothing is chosen unless the shopper sent it.
 */
export function resolveOptInExtras(offer: OptInOffer, input: OptInExtrasInput): { extras: OptInExtras } | { field: string; message: string } {
  const interests = new Map(offer.interest_categories.flatMap((c) => c.interests.map((i) => [i.id, { ...i, category_id: c.id }] as const)))
  const permissions = new Map(offer.marketing_permissions.map((p) => [p.id, p]))
  const extras: OptInExtras = { interests: [], marketing_permissions: [] }
  for (const [i, id] of (input.interests ?? []).entries()) {
    const found = interests.get(id)
    if (!found) return { field: `interests[${i}]`, message: `interests[${i}]: not an interest this store offers` }
    if (!extras.interests.some((x) => x.id === id)) extras.interests.push(found)
  }
  for (const [i, id] of (input.marketing_permissions ?? []).entries()) {
    const found = permissions.get(id)
    if (!found) return { field: `marketing_permissions[${i}]`, message: `marketing_permissions[${i}]: not a marketing permission this store offers` }
    if (!extras.marketing_permissions.some((x) => x.id === id)) extras.marketing_permissions.push(found)
  }
  return { extras }
}
