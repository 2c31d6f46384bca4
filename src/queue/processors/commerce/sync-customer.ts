import { isNotFound } from "../describe-error"
import { decideEmailMove } from "../../../modules/mailchimp/rules/list-management"
import type { MemberStatus } from "../../../modules/mailchimp/rules/next-member-status"
import { toMailchimpCustomer } from "../../../modules/mailchimp-commerce/mapping"
import { optInFor, readConsentFacts, readCustomers } from "../../../modules/mailchimp-commerce/store-data"
import type { JobPayload } from "../../jobs"
import type { ProcessorContext } from "../context"
import { commerceContext } from "./context"
import { ensureStore } from "./ensure-store"
import { payloadHash } from "./payload-hash"
import { runSync } from "./run-sync"

/**
 * commerce.customer.sync: the e-commerce customer, PUT (an upsert) with `opt_in_status` true only
 * for a consented, subscribed shopper; a deleted customer is deleted.
 */
export async function syncCommerceCustomer({ customer_id }: JobPayload<"commerce.customer.sync">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { client, storeId } = ctx
  return runSync(
    ctx,
    "customer",
    customer_id,
    async (row) => {
      await ensureStore(ctx)
      const [customer] = row.action === "delete" ? [] : await readCustomers(ctx.query, [customer_id])
      if (!customer) {
        await client.ecommerce.customers.delete(storeId, customer_id).catch((e) => {
          if (!isNotFound(e)) throw e
        })
        return { status: "synced", remote_exists: false, note: "deleted" }
      }
      if (!customer.email) return { status: "skipped", remote_exists: row.remote_exists, note: "no email" }
      await awaitMemberMove(base, customer_id, customer.email)
      const facts = await readConsentFacts(base.service, [customer.email])
      const body = toMailchimpCustomer(customer, optInFor(facts, customer.email))
      const hash = payloadHash(body)
      if (row.remote_exists && row.payload_hash === hash) {
        return { status: "synced", remote_exists: true, note: "unchanged" }
      }
      await client.ecommerce.customers.upsert(storeId, customer_id, body)
      return { status: "synced", remote_exists: true, payload_hash: hash }
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
