import { isNotFound } from "../describe-error"
import { decideEmailMove } from "../../../modules/mailchimp/rules/list-management"
import type { MemberStatus } from "../../../modules/mailchimp/rules/next-member-status"
import { toMailchimpCustomer } from "../../../modules/mailchimp-commerce/mapping"
import { optInFor, readCustomers, readStoreConsentFacts } from "../../../modules/mailchimp-commerce/store-data"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { consentAudienceOf, storesOfChannels, storeTargets } from "../../../modules/mailchimp-commerce/channels"
import { readCustomerChannels, SqlConnection } from "../../../modules/mailchimp-commerce/store-data"
import { commerceContext, inStore } from "./context"
import { ensureStore } from "./ensure-store"
import { payloadHash } from "./payload-hash"
import { runSync } from "./run-sync"
import { ERASED_OUTCOME, isErasedBuyer } from "./erased-buyer"

/**
 * commerce.customer.sync: the e-commerce customer, PUT (an upsert) with `opt_in_status` true only
 * for a consented, subscribed shopper; a deleted customer is deleted. With `salesChannels`, into the store of each
 * channel the customer has a cart or an order in (none: skipped, with the reason), and deleted from every store.
 */
export async function syncCommerceCustomer({ customer_id }: JobPayload<"commerce.customer.sync">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { client } = ctx
  const options = ctx.commerce.getOptions()
  return runSync(
    ctx,
    "customer",
    customer_id,
    async (row) => {
      const [customer] = row.action === "delete" ? [] : await readCustomers(ctx.query, [customer_id])
      if (!customer) {
        for (const store of storeTargets(options)) {
          await ensureStore(inStore(ctx, store))
          await client.ecommerce.customers.delete(store.storeId, customer_id).catch((e) => {
            if (!isNotFound(e)) throw e
          })
        }
        return { status: "synced", remote_exists: false, note: "deleted" }
      }
      const stores = options.salesChannels
        ? storesOfChannels(options, (await readCustomerChannels(base.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION), [customer_id])).get(customer_id) ?? [])
        : storeTargets(options)
      for (const store of stores) await ensureStore(inStore(ctx, store))
      if (!customer.email) return { status: "skipped", remote_exists: row.remote_exists, note: "no email" }
      if (await isErasedBuyer(base, customer.email)) return ERASED_OUTCOME
      await awaitMemberMove(base, customer_id, customer.email)
      // Each store's opt-in from its own audience's consent and member.
      const factsOf = await readStoreConsentFacts(base.service, [customer.email], stores.map((s) => consentAudienceOf(options, s)))
      const bodies = stores.map((store) => toMailchimpCustomer(customer, optInFor(factsOf(consentAudienceOf(options, store)), customer.email)))
      if (!stores.length) {
        return { status: "skipped", remote_exists: row.remote_exists, note: "no cart or order in a sales channel mapped to a Mailchimp store: not sent" }
      }
      const hash = options.salesChannels ? payloadHash(stores.map((s, i) => [s.storeId, bodies[i]])) : payloadHash(bodies[0])
      if (row.remote_exists && row.payload_hash === hash) {
        return { status: "synced", remote_exists: true, note: "unchanged" }
      }
      for (const [i, store] of stores.entries()) await client.ecommerce.customers.upsert(store.storeId, customer_id, bodies[i])
      return { status: "synced", remote_exists: true, payload_hash: hash, ...(options.salesChannels ? { note: `in ${stores.map((s) => s.storeId).join(", ")}` } : {}) }
    },
    (rev) => base.service.getQueue().enqueue("commerce.customer.sync", { customer_id, rev })
  )
}

export class WaitingForMemberMove extends Error {}

/**
 * The customer's email changed and their audience member has not moved to the new address yet
 * (customer.sync does that, a moment later). Sending the new address first would make Mailchimp
 * add it as a new contact, and the member could then not move there: the write waits (a retry).
 */
async function awaitMemberMove(base: ProcessorContext, customerId: string, email: string): Promise<void> {
  const members = await base.service.listMembers(
    { audience_id: base.options.audienceId, customer_id: customerId },
    { select: ["email", "customer_email", "status"] }
  )
  const moving = members.find((m) => decideEmailMove({ ...m, status: m.status as MemberStatus }, email).kind === "move")
  if (moving) {
    throw new WaitingForMemberMove("the customer's email changed: the audience member moves to the new address first")
  }
}
