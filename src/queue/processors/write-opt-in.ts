import type { Member, MemberUpsertBody, MemberWriteQuery } from "../../mailchimp"
import type { AudienceProfile, ConsentRow } from "../../types/mailchimp-module"
import type { DuePurchaseFields } from "./commerce/due-purchase-fields"
import type { ProcessorContext } from "./context"
import { isComplianceState, isInvalidInterest, refusedMergeTags } from "./member-refusals"

type OptInBody = Omit<MemberUpsertBody, "status_if_new" | "status"> & { email_address: string; merge_fields: Record<string, unknown> }

/** The member write itself: a PUT, or an anonymous signup's careful write (write-signup-member.ts). */
export type MemberWrite = (w: {
  full: MemberUpsertBody & { email_address: string }
  /** The store's own fields (purchase figures), which may go to a member Mailchimp already holds. */
  storeFields: Record<string, unknown>
  query?: MemberWriteQuery
}) => Promise<Member>

export type WrittenOptIn = {
  member: Member
  /** The purchase fields that went with it (null when they had to be left out). */
  purchase: DuePurchaseFields | null
  /** What the opt-in went without, or through, to land: kept on the consent for the merchant. */
  notes: string[]
  /**
   * The body that landed (without what Mailchimp refused) and its query: a later write for the same consent (its
   * status) sends this, never a refused interest or field again.
   */
  landed: { body: OptInBody; query?: MemberWriteQuery }
}

// A refusal is answered by one change; a few in a row (a field, then compliance) still land.
const MAX_WRITES = 4

/**
 * The opt-in's member PUT. A consent is never dropped for its profile data: merge fields Mailchimp refuses
 * (named in errors[]) are left out, required fields the store cannot fill go with `skip_merge_validation`, and
 * an address Mailchimp holds in compliance state (it unsubscribed, then was archived) is asked to confirm again
 * through `pending`, unless it was cleaned. See docs/mailchimp-behaviour-catalogue.md.
 */
export async function writeOptIn(
  consent: ConsentRow,
  body: OptInBody,
  statusIfNew: "subscribed" | "pending",
  audience: AudienceProfile,
  due: DuePurchaseFields | null,
  write: MemberWrite,
  ctx: ProcessorContext
): Promise<WrittenOptIn> {
  const { service } = ctx
  const notes: string[] = []
  let purchase = due
  let fields = { ...body.merge_fields }
  let base = body
  // Mailchimp checks required fields on a new member: one the store cannot fill would refuse the opt-in.
  let skipValidation = [...audience.requiredTags].some((tag) => !(tag in fields) && !(purchase && tag in purchase.values))
  if (skipValidation) notes.push(`sent with skip_merge_validation: the audience requires ${[...audience.requiredTags].filter((t) => !(t in fields)).join(", ")}, which the store cannot fill`)
  for (let attempt = 1; ; attempt++) {
    const sent = { ...(purchase?.values ?? {}), ...fields }
    const query = skipValidation ? { skip_merge_validation: true } : undefined
    try {
      const member = await write({ full: { ...base, merge_fields: sent, status_if_new: statusIfNew }, storeFields: purchase?.values ?? {}, query })
      // Whether Mailchimp refuses an unknown tag or drops it is not documented: a tag the answer lacks means the
      // audience changed since it was read (read it again), and the purchase fields did not land.
      const lacking = Object.keys(sent).filter((tag) => !(tag in (member.merge_fields ?? {})))
      if (lacking.length) {
        service.forgetAudienceProfile()
        if (purchase && lacking.some((tag) => tag in purchase!.values)) purchase = null
        notes.push(`Mailchimp kept no ${lacking.join(", ")} (not in the audience)`)
      }
      return { member, purchase, notes, landed: { body: { ...base, merge_fields: fields }, query } }
    } catch (e) {
      if (attempt >= MAX_WRITES) throw e
      const refused = refusedMergeTags(e, audience.mergeTags, Object.keys(sent))
      if (refused) {
        const dropped = refused.filter((tag) => tag in sent)
        // Nothing left to change: the refusal stands.
        if (!dropped.length && skipValidation) throw e
        service.forgetAudienceProfile()
        if (purchase && dropped.some((tag) => tag in purchase!.values)) purchase = null
        fields = Object.fromEntries(Object.entries(fields).filter(([tag]) => !dropped.includes(tag)))
        skipValidation = true
        notes.push(`Mailchimp refused ${refused.join(", ") || "the merge fields"} (${reasonOf(e)}); sent without ${dropped.join(", ") || "them"}, with skip_merge_validation`)
        continue
      }
      if (isInvalidInterest(e) && base.interests) {
        // Optional data never costs the opt-in: the chosen interests stay in the consent's evidence.
        const { interests: _dropped, ...rest } = base
        base = rest
        service.forgetAudienceProfile()
        notes.push(`Mailchimp refused the chosen interests (${reasonOf(e)}); sent without them`)
        continue
      }
      if (isComplianceState(e) && statusIfNew === "subscribed" && (await mayAskToConfirm(consent, ctx))) {
        statusIfNew = "pending"
        notes.push("Mailchimp holds the address in compliance state (it unsubscribed earlier): written pending, Mailchimp asks the person to confirm")
        continue
      }
      throw e
    }
  }
}

/** Never for a cleaned address: not when the store knows it cleaned, not when Mailchimp shows it so. */
async function mayAskToConfirm(consent: ConsentRow, ctx: ProcessorContext): Promise<boolean> {
  const [facts] = await ctx.service.consentFacts([consent.email.toLowerCase()], consent.audience_id)
  if (facts?.member_status === "cleaned") return false
  const held = await ctx.client.members.get(consent.audience_id, consent.email, { fields: ["status"] }).catch(() => null)
  return held?.status !== "cleaned"
}

function reasonOf(e: unknown): string {
  const err = e as { errors?: { field: string; message: string }[]; detail?: string }
  return err.errors?.length ? err.errors.map((x) => `${x.field}: ${x.message}`).join(", ") : err.detail ?? "refused"
}
