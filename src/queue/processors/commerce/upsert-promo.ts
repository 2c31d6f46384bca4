import type { MailchimpClient, PromoCodeBody, PromoRuleBody } from "../../../mailchimp"
import { isNotFound } from "../describe-error"
import { createOrUpdate } from "./create-or-update"

/** Promo rules and codes have no PUT (see createOrUpdate). The rule first: a code lives under its rule. */
export async function upsertPromo(
  client: MailchimpClient,
  storeId: string,
  rule: PromoRuleBody,
  code: PromoCodeBody,
  knownRemote: boolean
): Promise<"created" | "updated"> {
  const { id: ruleId, ...ruleFields } = rule
  const { id: codeId, ...codeFields } = code
  const how = await createOrUpdate(
    knownRemote,
    () => client.ecommerce.promoRules.create(storeId, rule),
    () => client.ecommerce.promoRules.update(storeId, ruleId, ruleFields)
  )
  // A rule just created has no code yet; one Mailchimp already held may.
  await createOrUpdate(
    how === "updated",
    () => client.ecommerce.promoCodes.create(storeId, ruleId, code),
    () => client.ecommerce.promoCodes.update(storeId, ruleId, codeId, codeFields)
  )
  return how
}

/** Deletes a promotion's rule, and with it its code; one Mailchimp does not hold counts as deleted. */
export async function deletePromo(client: MailchimpClient, storeId: string, ruleId: string): Promise<void> {
  await client.ecommerce.promoRules.delete(storeId, ruleId).catch((e) => {
    if (!isNotFound(e)) throw e
  })
}
