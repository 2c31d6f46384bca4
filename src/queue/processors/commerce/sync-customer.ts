import { isNotFound } from "../describe-error"
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
