import { subscriberHash } from "../../../mailchimp"
import { isNotFound } from "../describe-error"
import { lineRefs, toMailchimpCustomer, toMailchimpOrder, toMailchimpOrderUpdate } from "../../../modules/mailchimp-commerce/mapping"
import type { MedusaOrder } from "../../../modules/mailchimp-commerce/mapping"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { optInFor, readConsentFacts, SqlConnection } from "../../../modules/mailchimp-commerce/store-data"
import { takeOrderRead } from "../../../modules/mailchimp-commerce/store-data/held-order-reads"
import { readOrder } from "../../../modules/mailchimp-commerce/store-data/order-reader"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { consentAudienceOf, storeOfChannel, unmappedChannelNote } from "../../../modules/mailchimp-commerce/channels"
import { commerceContext, CommerceContext, inStore } from "./context"
import { ensureOrderProducts } from "./ensure-order-products"
import { ensureStore } from "./ensure-store"
import { customerGone, isDuplicate, isUnknownProduct } from "./mailchimp-answers"
import { CampaignRefusal, withoutRefusedCampaign } from "./campaign-refusal"
import { syncCart } from "./cart-sync"
import { payloadHash } from "./payload-hash"
import { runSync } from "./run-sync"
import { ERASED_OUTCOME, isErasedBuyer } from "./erased-buyer"

/**
 * commerce.order.sync: the order as it is now (placed, paid, fulfilled, canceled, refunded).
 * POST when new, PATCH when Mailchimp holds it (each falls back to the other), with its customer
 * and the products its lines name made sure of first.
 */
export async function syncOrder({ order_id }: JobPayload<"commerce.order.sync">, base: ProcessorContext) {
  const anyStore = commerceContext(base)
  return runSync(
    anyStore,
    "order",
    order_id,
    async (row) => {
      const order =
        takeOrderRead(order_id, row.revision) ?? (await readOrder(base.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION), order_id))
      if (!order || order.is_draft_order || !order.email || !order.items?.length) {
        return { status: "skipped", remote_exists: row.remote_exists, note: order ? "draft, no email or no lines" : "no such order" }
      }
      if (await isErasedBuyer(base, order.email)) return ERASED_OUTCOME
      // The order goes to its sales channel's store, and nowhere when the channel is not mapped.
      const store = storeOfChannel(anyStore.commerce.getOptions(), order.sales_channel_id)
      if (!store) return { status: "skipped", remote_exists: row.remote_exists, note: unmappedChannelNote(order.sales_channel_id) }
      const ctx = inStore(anyStore, store)
      await ensureStore(ctx)
      const buyer = buyerOf(order)
      // What Mailchimp holds of the buyer and the lines' products, in one look.
      const known = await ctx.commerce.remoteExistingOf({ customer: [buyer.id], product: order.items.map((i) => lineRefs(i).product_id) })
      // Several stores: whether this store holds the buyer is not known from their one row, so they go in full.
      const customer = await customerRef(ctx, order, buyer, store.channelIds ? new Set() : known.customer!)
      // The cart it was placed from, with where the shopper came from (campaign and landing site).
      const cart = (await ctx.commerce.cartsOfOrders([order_id])).get(order_id)
      const create = toMailchimpOrder(order, customer, cart)
      const hash = payloadHash(create)
      if (row.remote_exists && row.payload_hash === hash) {
        return { status: "synced", remote_exists: true, note: "unchanged" }
      }
      await ensureOrderProducts(ctx, order.items, undefined, known.product)
      // Never a reminder after the purchase: the cart it was placed from leaves Mailchimp before the order arrives.
      if (cart) await syncCart({ cart_id: cart.cart_id }, base)
      const inFull = () => customerRef(ctx, order, buyer, new Set())
      const campaign: CampaignRefusal = {}
      const how = await upsertOrder(ctx, order, create, toMailchimpOrderUpdate(order, cart), row.remote_exists, inFull, campaign)
      // A customer Mailchimp was known to hold went by id alone: their row has nothing new to say.
      if ("email_address" in create.customer) {
        await ctx.commerce.recordBatchResults("customer", null, new Date(), [
          { object_id: create.customer.id, status: "synced", remote_exists: true, note: "sent with an order" },
        ])
      }
      return { status: "synced", remote_exists: true, payload_hash: hash, note: campaign.reason ? `${how}, ${campaign.reason}` : how }
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
  // The store's own audience decides (a consent in another audience never opts anyone in here).
  const facts = await readConsentFacts(ctx.service, [email], consentAudienceOf(ctx.commerce.getOptions(), ctx.store))
  const optIn = optInFor(facts, email)
  return toMailchimpCustomer(buyer, optIn, order.billing_address ?? order.shipping_address)
}

async function upsertOrder(
  ctx: CommerceContext,
  order: MedusaOrder,
  createBody: ReturnType<typeof toMailchimpOrder>,
  updateBody: ReturnType<typeof toMailchimpOrderUpdate>,
  knownRemote: boolean,
  customerInFull: () => Promise<ReturnType<typeof toMailchimpOrder>["customer"]>,
  campaign: CampaignRefusal
): Promise<"created" | "updated" | "created, with its customer again"> {
  const { client, storeId } = ctx
  const orders = client.ecommerce.orders
  const update = () => withoutRefusedCampaign(updateBody, (body) => orders.update(storeId, order.id, body), campaign)
  const create = () => withoutRefusedCampaign(createBody, (body) => orders.create(storeId, body), campaign)
  if (knownRemote) {
    try {
      await update()
      return "updated"
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }
  try {
    await create()
    return "created"
  } catch (e) {
    if (isDuplicate(e)) {
      await update()
      return "updated"
    }
    if (customerGone(e, createBody)) {
      // The customer the store believed Mailchimp held went by id alone and Mailchimp did not know it (deleted
      // there): the order goes again with the customer in full, which creates them.
      createBody.customer = await customerInFull()
      await ctx.commerce.setRemoteExists("customer", [createBody.customer.id], false)
      await create()
      return "created, with its customer again"
    }
    if (!isUnknownProduct(e)) throw e
  }
  // Mailchimp lost a product the sync rows said it held: send them all again, then the order.
  await ensureOrderProducts(ctx, order.items ?? [], new Set((order.items ?? []).map((i) => lineRefs(i).product_id)))
  await create()
  return "created"
}
