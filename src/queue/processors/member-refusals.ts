import { MailchimpError } from "../../mailchimp"

/**
 * Mailchimp's refusals of a member write that the opt-in recovers from (docs/mailchimp-behaviour-catalogue.md).
 * Each reads Mailchimp's words, in the detail or in errors[].
 */
const is400 = (e: unknown): e is MailchimpError => e instanceof MailchimpError && e.status === 400
const text = (e: MailchimpError) => [e.title, e.detail, ...e.errors.map((x) => `${x.field} ${x.message}`)].join(" ")

/** "Member In Compliance State": the address unsubscribed (or was archived unsubscribed, or cleaned). */
export function isComplianceState(e: unknown): boolean {
  return is400(e) && /compliance state/i.test(text(e))
}

/** "… has signed up to a lot of lists very recently; we're not allowing more signups for now" (mc4wp #506, #771). */
export function isAntiAbuse(e: unknown): boolean {
  return is400(e) && /signed up to a lot of lists very recently|too many recent signup/i.test(text(e))
}

/**
 * The merge tags a 400 "Your merge fields were invalid." names in errors[] (a required field left empty, a phone in
 * the wrong format, a tag the audience lacks); null when the refusal is not about merge fields.
 */
export function refusedMergeTags(e: unknown, audienceTags: Set<string>, sentTags: Iterable<string>): string[] | null {
  if (!is400(e)) return null
  const sent = new Set(sentTags)
  const named = e.errors.map((x) => x.field.replace(/^merge_fields\./, "")).filter((f) => sent.has(f) || audienceTags.has(f))
  if (named.length) return [...new Set(named)]
  return /merge field/i.test(text(e)) ? [] : null
}

/** "Invalid interest ID: '…'." (drewm/mailchimp-api #294): an interest deleted in Mailchimp since it was offered. */
export function isInvalidInterest(e: unknown): boolean {
  return is400(e) && /invalid interest id/i.test(text(e))
}
