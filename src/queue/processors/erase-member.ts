import type { JobPayload } from "../../modules/mailchimp/queue-runtime/jobs"
import { storeTargets } from "../../modules/mailchimp-commerce/channels"
import { commerceContext } from "./commerce/context"
import type { ProcessorContext } from "./context"
import { describeError, isFinal, isNotFound } from "./describe-error"

// cart_ids is absent on an erasure recorded before carts were erased.
type PendingRemote = { customer_ids: string[]; order_ids: string[]; cart_ids?: string[] }
type EcommerceDeleted = { carts: number; orders: number; customers: number }

/**
 * The Mailchimp side of an erasure, by ids and the hash alone: the person's e-commerce carts, orders and
 * customers in the store's Mailchimp store (when this row carries them), then the member, archived or permanently
 * deleted. Anything Mailchimp does not hold (never there, or already gone) counts as erased. Ends by purging
 * the queue again of jobs naming the person that were running when the erasure was recorded.
 */
export async function eraseMember({ erasure_id }: JobPayload<"member.erase">, ctx: ProcessorContext) {
  const { service, client } = ctx
  const [erasure] = await service.listErasures({ id: erasure_id })
  if (!erasure || erasure.status !== "pending") {
    return { skipped: true }
  }
  const remote = (erasure.pending_remote ?? null) as PendingRemote | null
  let outcome: string
  let ecommerce: EcommerceDeleted | undefined
  try {
    if (remote) ecommerce = await deleteEcommerceObjects(remote, erasure.audience_id, ctx)
    if (erasure.mode === "delete-permanent") {
      await client.members.deletePermanent(erasure.audience_id, erasure.subscriber_hash)
      outcome = "deleted"
    } else {
      await client.members.archive(erasure.audience_id, erasure.subscriber_hash)
      outcome = "archived"
    }
  } catch (e) {
    if (!isNotFound(e)) {
      if (isFinal(e)) {
        await service.finishErasure(erasure.id, { status: "failed", error: describeError(e) })
      }
      throw e
    }
    outcome = "not_found"
  }
  const needles = [erasure.subscriber_hash, ...(remote?.customer_ids ?? []), ...(remote?.order_ids ?? []), ...(remote?.cart_ids ?? [])]
  const purged = await service.getQueue().purgeJobsNaming(needles).catch(() => ({ jobs: 0, events: 0 }))
  const previous = (erasure.receipt ?? {}) as { queue?: { jobs?: number; events?: number } }
  const receipt = {
    ...previous,
    queue: { jobs: (previous.queue?.jobs ?? 0) + purged.jobs, events: (previous.queue?.events ?? 0) + purged.events },
    mailchimp: {
      audience_id: erasure.audience_id,
      member: outcome,
      // Deleted from the store's Mailchimp store (what it held of them; 404s not counted).
      ...(ecommerce
        ? { ecommerce_orders: ecommerce.orders, ecommerce_customers: ecommerce.customers, ecommerce_carts: ecommerce.carts }
        : {}),
    },
  }
  await service.finishErasure(erasure.id, { status: "done", outcome, receipt })
  return { outcome, ...(ecommerce ?? {}) }
}

/**
 * Carts and orders first (they name the customer; Mailchimp does not say whether deleting a customer takes them),
 * then the customers, in each of the audience's stores: the configured ones for the current audience,
 * `medusa-<audience>` (the plugin's default id) for one the store used before. Each DELETE is idempotent: a 404
 * is done (a cart already deleted at its checkout, or never sent).
 */
async function deleteEcommerceObjects(remote: PendingRemote, audienceId: string, base: ProcessorContext): Promise<EcommerceDeleted> {
  let commerce
  try {
    commerce = commerceContext(base)
  } catch {
    return { carts: 0, orders: 0, customers: 0 }
  }
  const { client } = commerce
  // Every store of the audience (salesChannels may give it several); one it no longer has: the default id it had.
  const ofAudience = storeTargets(commerce.commerce.getOptions()).filter((t) => t.audienceId === audienceId).map((t) => t.storeId)
  const storeIds = ofAudience.length ? ofAudience : [`medusa-${audienceId}`]
  const gone = (call: Promise<unknown>) =>
    call.then(
      () => 1,
      (e) => {
        if (isNotFound(e)) return 0
        throw e
      }
    )
  let carts = 0
  let orders = 0
  let customers = 0
  for (const storeId of storeIds) {
    for (const id of remote.cart_ids ?? []) carts += await gone(client.ecommerce.carts.delete(storeId, id))
    for (const id of remote.order_ids) orders += await gone(client.ecommerce.orders.delete(storeId, id))
    for (const id of remote.customer_ids) customers += await gone(client.ecommerce.customers.delete(storeId, id))
  }
  return { carts, orders, customers }
}

