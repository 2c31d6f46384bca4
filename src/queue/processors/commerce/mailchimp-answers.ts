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

/** An order or cart refused for its campaign_id: "A campaign with the provided ID does not exist in the account for this list." */
export function isUnknownCampaign(e: unknown): boolean {
  return e instanceof MailchimpError && e.status === 400 && /campaign with the provided id does not exist/i.test(text(e))
}

/** A member write refused because the audience has no merge field under a tag it names (removed meanwhile). */
export function isMissingMergeField(e: unknown): boolean {
  return e instanceof MailchimpError && e.status === 400 && /no merge field|merge field.*(does not exist|not found)/i.test(text(e))
}

/**
 * An order whose customer went by id alone (the store believed Mailchimp held them) refused for its customer: Mailchimp
 * does not hold them any more. Its exact words are not documented (a new customer needs `email_address`), so any 400
 * naming the customer counts (a 404 on the orders collection is the store's: see storeGone).
 */
export function customerGone(e: unknown, order: { customer: object }): boolean {
  if ("email_address" in order.customer || !(e instanceof MailchimpError)) return false
  return e.status === 400 && /customer/i.test(text(e))
}
