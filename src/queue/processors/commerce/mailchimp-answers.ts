import { MailchimpError } from "../../../mailchimp"

const text = (e: MailchimpError) => [e.detail, ...e.errors.map((x) => `${x.field} ${x.message}`)].join(" ")

/** POST of an id Mailchimp already holds: 400 "… with the provided ID already exists". */
export function isDuplicate(e: unknown): boolean {
  return e instanceof MailchimpError && e.status === 400 && /already exists/i.test(text(e))
}

/** An order refused because a line names a product or variant Mailchimp does not hold. */
export function isUnknownProduct(e: unknown): boolean {
  return e instanceof MailchimpError && e.status === 400 && /(product|variant).*(does not exist|not found)/i.test(text(e))
}

/** A member write refused because the audience has no merge field under a tag it names (removed meanwhile). */
export function isMissingMergeField(e: unknown): boolean {
  return e instanceof MailchimpError && e.status === 400 && /no merge field|merge field.*(does not exist|not found)/i.test(text(e))
}
