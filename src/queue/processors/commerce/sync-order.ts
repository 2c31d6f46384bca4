import { subscriberHash } from "../../../mailchimp"
import { isNotFound } from "../describe-error"
import { lineRefs, toMailchimpCustomer, toMailchimpOrder, toMailchimpOrderUpdate } from "../../../modules/mailchimp-commerce/mapping"
import type { MedusaOrder } from "../../../modules/mailchimp-commerce/mapping"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { optInFor, readConsentFacts, SqlConnection } from "../../../modules/mailchimp-commerce/store-data"
import { takeOrderRead } from "../../../modules/mailchimp-commerce/store-data/held-order-reads"
import { readOrder } from "../../../modules/mailchimp-commerce/store-data/order-reader"
import type { JobPayload } from "../../jobs"
import type { ProcessorContext } from "../context"
import { commerceContext, CommerceContext } from "./context"
import { ensureOrderProducts } from "./ensure-order-products"
import { ensureStore } from "./ensure-store"
import { isDuplicate, isUnknownProduct } from "./mailchimp-answers"
import { payloadHash } from "./payload-hash"
import { runSync } from "./run-sync"

/**
 * commerce.order.sync: the order as it is now (placed, paid, fulfilled, canceled, refunded).
 * POST when new, PATCH when Mailchimp holds it (each falls back to the other), with its customer
 * and the products its lines name made sure of first.
 */
export async function syncOrder({ order_id }: JobPayload<"commerce.order.sync">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  return runSync(
    ctx,
    "order",
    order_id,
    async (row) => {
      const order =
        takeOrderRead(order_id, row.revision) ?? (await readOrder(base.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION), order_id))
      if (!order || order.is_draft_order || !order.email || !order.items?.length) {
        return { status: "skipped", remote_exists: row.remote_exists, note: order ? "draft, no email or no lines" : "no such order" }
      }
      await ensureStore(ctx)
      const buyer = buyerOf(order)
      // What Mailchimp holds of the buyer and the lines' products, in one look.
      const known = await ctx.commerce.remoteExistingOf({ customer: [buyer.id], product: order.items.map((i) => lineRefs(i).product_id) })
      const customer = await customerRef(ctx, order, buyer, known.customer!)
      const create = toMailchimpOrder(order, customer)
      const hash = payloadHash(create)
      if (row.remote_exists && row.payload_hash === hash) {
        return { status: "synced", remote_exists: true, note: "unchanged" }
      }
      await ensureOrderProducts(ctx, order.items, undefined, known.product)
      const how = await upsertOrder(ctx, order, create, row.remote_exists)
      // A customer Mailchimp was known to hold went by id alone: their row has nothing new to say.
      if ("email_address" in customer) {
        await ctx.commerce.recordBatchResults("customer", null, new Date(), [
          { object_id: create.customer.id, status: "synced", remote_exists: true, note: "sent with an order" },
        ])
      }
      return { status: "synced", remote_exists: true, payload_hash: hash, note: how }
    },
    (rev) => base.service.getQueue().enqueue("commerce.order.sync", { order_id, rev })
  )
}

function buyerOf(order: MedusaOrder): { id: string; email: string } & Record<string, unknown> {
  const email = order.email!.trim().toLowerCase()
  const customer = order.customer ?? { id: order.customer_id ?? `guest-${subscriberHash(email)}`, email }
  return { ...customer, email: customer.email ?? email }
}

/** The order's customer: in full when Mailchimp does not hold them yet, by id alone when it does (as its docs ask). */
async function customerRef(ctx: CommerceContext, order: MedusaOrder, buyer: ReturnType<typeof buyerOf>, known: Set<string>) {
  if (known.has(buyer.id)) return { id: buyer.id }
  // The opt-in is the order's address's (the account's address may differ).
  const email = order.email!.trim().toLowerCase()
  const facts = await readConsentFacts(ctx.service, [email])
  return toMailchimpCustomer(buyer, optInFor(facts, email), order.billing_address ?? order.shipping_address)
}

async function upsertOrder(
  ctx: CommerceContext,
  order: MedusaOrder,
  create: ReturnType<typeof toMailchimpOrder>,
  knownRemote: boolean
): Promise<"created" | "updated"> {
  const { client, storeId } = ctx
  const orders = client.ecommerce.orders
  if (knownRemote) {
    try {
      await orders.update(storeId, order.id, toMailchimpOrderUpdate(order))
      return "updated"
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }
  try {
    await orders.create(storeId, create)
    return "created"
  } catch (e) {
    if (isDuplicate(e)) {
      await orders.update(storeId, order.id, toMailchimpOrderUpdate(order))
      return "updated"
    }
    if (!isUnknownProduct(e)) throw e
  }
  // Mailchimp lost a product the sync rows said it held: send them all again, then the order.
  await ensureOrderProducts(ctx, order.items ?? [], new Set((order.items ?? []).map((i) => lineRefs(i).product_id)))
  await orders.create(storeId, create)
  return "created"
}
