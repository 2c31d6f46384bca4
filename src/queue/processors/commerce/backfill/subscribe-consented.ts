import { BATCH_SUBSCRIBE_LIMIT } from "../../../../mailchimp"
import { buildMergeFields } from "../../../../modules/mailchimp/rules/merge-fields"
import type { MedusaCustomer } from "../../../../modules/mailchimp-commerce/mapping"
import type { ConsentFacts } from "../../../../modules/mailchimp-commerce/store-data"
import type { CommerceContext } from "../context"

export type SubscribeOutcome = { emails: string[]; subscribed: number; errored: number }

/**
 * Batch subscribe (500 a call) for the page's shoppers whose latest consent is an opt-in and whom
 * the audience does not hold yet, with the status double opt-in asks for. `update_existing` stays
 * off: an address Mailchimp holds (unsubscribed, cleaned, anything) is never changed here; the
 * consent's own job takes it through the consent rules. Updates `facts` for those it added.
 */
export async function subscribeConsented(
  ctx: CommerceContext,
  customers: MedusaCustomer[],
  facts: Map<string, ConsentFacts>
): Promise<SubscribeOutcome> {
  const wanted = customers.filter((c) => {
    const f = c.email ? facts.get(c.email.trim().toLowerCase()) : undefined
    return f?.latestAction === "opt_in" && !f.memberStatus
  })
  const outcome: SubscribeOutcome = { emails: wanted.map((c) => c.email!.trim().toLowerCase()), subscribed: 0, errored: 0 }
  if (!wanted.length) return outcome
  const audience = await ctx.service.getAudienceProfile()
  const status = audience.doubleOptIn ? "pending" : "subscribed"
  const listId = ctx.service.getOptions().audienceId
  for (let i = 0; i < wanted.length; i += BATCH_SUBSCRIBE_LIMIT) {
    const chunk = wanted.slice(i, i + BATCH_SUBSCRIBE_LIMIT)
    const result = await ctx.client.members.batchSubscribe(
      listId,
      chunk.map((c) => ({
        email_address: c.email!.trim().toLowerCase(),
        status,
        merge_fields: buildMergeFields({ first_name: c.first_name, last_name: c.last_name }, audience.mergeTags, ctx.options.mergeFields),
      })),
      { update_existing: false }
    )
    const at = new Date()
    for (const m of [...result.new_members, ...result.updated_members]) {
      const email = m.email_address.toLowerCase()
      const customer = chunk.find((c) => c.email!.trim().toLowerCase() === email)
      await ctx.service.recordMemberStatus({ email, status: m.status, at, source: "admin", customer_id: customer?.id ?? null })
      const f = facts.get(email)
      if (f) f.memberStatus = m.status
    }
    outcome.subscribed += result.total_created + result.total_updated
    outcome.errored += result.error_count
  }
  return outcome
}
