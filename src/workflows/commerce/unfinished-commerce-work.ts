import type { MedusaContainer } from "@medusajs/framework/types"
import { randomBytes } from "node:crypto"
import { subscriberHash } from "../../mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { EnqueueJobsInput } from "../steps/enqueue-jobs"

/**
 * The e-commerce share of the reconciler: objects whose write is still pending (carts held during a backfill
 * among them), carts too old to keep in Mailchimp, and backfill
 * runs nobody looked after for a while (their poller was lost with Redis or a stopped worker):
 * such a run gets a new poller token, so exactly one poller chain takes it from where it is.
 */
export async function unfinishedCommerceJobs(
  container: MedusaContainer,
  before: Date,
  limit: number,
  syncLimit = limit
): Promise<EnqueueJobsInput> {
  const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const jobs: EnqueueJobsInput = []
  // Pending writes: the next page after the cursor the last run left (sql/reconcile.ts), not the oldest page again.
  const { rows } = await commerce.unfinishedSyncPage(before, syncLimit)
  for (const row of rows) {
    const id = row.object_id
    if (row.object_type === "store") jobs.push({ name: "commerce.store.connect", payload: { store_id: id } })
    if (row.object_type === "product") jobs.push({ name: "commerce.product.sync", payload: { product_id: id } })
    if (row.object_type === "customer") jobs.push({ name: "commerce.customer.sync", payload: { customer_id: id } })
    if (row.object_type === "order") jobs.push({ name: "commerce.order.sync", payload: { order_id: id } })
    if (row.object_type === "promo") jobs.push({ name: "commerce.promo.sync", payload: { promotion_id: id } })
    if (row.object_type === "merge") jobs.push({ name: "commerce.merge.sync", payload: { email_hash: subscriberHash(id) } })
    if (row.object_type === "cart") jobs.push({ name: "commerce.cart.sync", payload: { cart_id: id } })
  }
  // Carts Mailchimp holds that nobody touched for cartMaxAgeDays: deleted there (no reminder for a stale cart).
  const maxAgeMs = commerce.getOptions().cartMaxAgeDays * 86_400_000
  for (const cartId of await commerce.expiredCarts(new Date(Date.now() - maxAgeMs), limit)) {
    const ref = await commerce.requestCartDelete(cartId)
    jobs.push({ name: "commerce.cart.sync", payload: { cart_id: cartId, rev: ref.revision } })
  }
  const { runs, tasks } = await commerce.staleBackfillWork(before)
  for (const run of runs) {
    const token = randomBytes(6).toString("hex")
    await commerce.updateBackfillRuns({ id: run.id, poller: token })
    jobs.push({ name: "commerce.backfill.poll", payload: { run_id: run.id, token, round: 0 } })
  }
  for (const task of tasks) {
    jobs.push({ name: "commerce.backfill.page", payload: { run_id: task.run_id, kind: task.kind, page: task.page } })
  }
  return jobs
}
