import { subscriberHash } from "../../../mailchimp"
import type { CartLineBody, CartUpdateBody } from "../../../mailchimp"
import { cartLines, readCampaignId, toMailchimpCart, toMailchimpCartUpdate, toMailchimpCustomer } from "../../../modules/mailchimp-commerce/mapping"
import type { MedusaCart } from "../../../modules/mailchimp-commerce/mapping"
import { makeRecoveryToken, recoveryKey, recoveryUrl } from "../../../modules/mailchimp-commerce/carts/recovery-token"
import { optInFor, readCart, readConsentFacts } from "../../../modules/mailchimp-commerce/store-data"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { SyncOutcome } from "../../../types/mailchimp-commerce-module"
import type { ProcessorContext } from "../context"
import { isNotFound } from "../describe-error"
import { deleteRemoteCart } from "./cart-delete"
import { consentAudienceOf, storeOfChannel, storeTargets, unmappedChannelNote } from "../../../modules/mailchimp-commerce/channels"
import type { StoreTarget } from "../../../modules/mailchimp-commerce/channels"
import { commerceContext, CommerceContext, inStore } from "./context"
import { ensureOrderProducts } from "./ensure-order-products"
import { ensureStore } from "./ensure-store"
import { ERASED_OUTCOME, isErasedBuyer } from "./erased-buyer"
import { isDuplicate } from "./mailchimp-answers"
import { payloadHash } from "./payload-hash"
import { runSync } from "./run-sync"
import { CampaignRefusal, withoutRefusedCampaign } from "./campaign-refusal"

const DAY_MS = 86_400_000

/**
 * commerce.cart.sync: the cart as it is now. Sent once it has an email and a line; deleted once its order was
 * placed (for good: the completion in Postgres wins over any later event), emptied, or older than `cartMaxAgeDays`.
 * Held (left pending for the reconciler) while a backfill runs. Creation is one POST with the lines; a change is a
 * PATCH of the cart's fields when they changed, plus one write per added, changed or removed line; a change of a
 * cart Mailchimp no longer holds (404) creates it again.
 */
export async function syncCart({ cart_id }: JobPayload<"commerce.cart.sync">, base: ProcessorContext) {
  const anyStore = commerceContext(base)
  const options = anyStore.commerce.getOptions()
  const row = await anyStore.commerce.getSync("cart", cart_id)
  if (row?.status === "pending" && row.action === "upsert") {
    // No cart reaches Mailchimp while a backfill runs (the store is_syncing): the row stays pending, and the
    // reconciler queues it again once the run is over.
    const [running] = await anyStore.commerce.listBackfillRuns({ status: "running" }, { take: 1, select: ["id"] })
    if (running) return { held: "a backfill is running" }
  }
  return runSync(
    anyStore,
    "cart",
    cart_id,
    async (row): Promise<SyncOutcome> => {
      const state = await anyStore.commerce.getCart(cart_id)
      const cart = await readCart(anyStore.query, cart_id)
      // The cart goes to its sales channel's store; one the store no longer has is deleted from every store.
      const store = cart ? storeOfChannel(options, cart.sales_channel_id) : null
      const remove = (why: string) => deleteFromStores(anyStore, cart ? (store ? [store] : []) : storeTargets(options), cart_id, row.remote_exists, why)
      if (row.action === "delete" || state?.completed_at) {
        return remove(state?.completed_at ? "its order was placed" : "expired")
      }
      if (!cart || cart.completed_at) return remove(cart ? "its order was placed" : "no such cart")
      if (!store) return { status: "skipped", remote_exists: row.remote_exists, note: unmappedChannelNote(cart.sales_channel_id) }
      const ctx = inStore(anyStore, store)
      if (!cart.email || !cart.items?.length) return remove("no email or no lines")
      if (cart.updated_at && Date.now() - new Date(cart.updated_at).getTime() > options.cartMaxAgeDays * DAY_MS) {
        return remove("older than cartMaxAgeDays")
      }
      if (await isErasedBuyer(base, cart.email)) return ERASED_OUTCOME
      await ensureStore(ctx)
      const token = makeRecoveryToken(recoveryKey(base.service.getEvidenceKey()), cart.id, expiry(cart, options.cartMaxAgeDays))
      const checkoutUrl = recoveryUrl(options.cartRecoveryUrlTemplate, store.storefrontUrl ?? options.storefrontUrl, token)
      const campaignId = state?.campaign_id ?? readCampaignId(cart.metadata)
      const buyerId = cart.customer_id ?? `guest-${subscriberHash(cart.email.trim().toLowerCase())}`
      const known = await ctx.commerce.remoteExistingOf({ customer: [buyerId] })
      // Several stores: whether this store holds the buyer is not known from their one row, so they go in full.
      const customer = known.customer!.has(buyerId) && !store.channelIds ? { id: buyerId } : await customerInFull(ctx, cart, buyerId)
      const create = toMailchimpCart(cart, customer, checkoutUrl, campaignId)
      const hash = payloadHash({ ...create, customer: { id: buyerId } })
      if (row.remote_exists && row.payload_hash === hash) return { status: "synced", remote_exists: true, note: "unchanged" }
      await ensureOrderProducts(ctx, cart.items)
      const campaign: CampaignRefusal = {}
      const how = row.remote_exists
        ? await changeOrCreate(ctx, cart, create, toMailchimpCartUpdate(cart, checkoutUrl, campaignId), state?.lines_sent ?? null, row.revision, campaign)
        : await createCart(ctx, cart, create, campaign)
      // Gone in Mailchimp, and a newer change came meanwhile: its job decides (this completion loses to it).
      if (!how) return { status: "synced", remote_exists: false, note: "gone in Mailchimp; a newer change of the cart follows" }
      if ("email_address" in customer) {
        await ctx.commerce.recordBatchResults("customer", null, new Date(), [
          { object_id: buyerId, status: "synced", remote_exists: true, note: "sent with a cart" },
        ])
      }
      await ctx.commerce.setCartLinesSent(cart_id, lineHashes(cartLines(cart)))
      return { status: "synced", remote_exists: true, payload_hash: hash, note: campaign.reason ? `${how}, ${campaign.reason}` : how }
    },
    (rev) => base.service.getQueue().enqueue("commerce.cart.sync", { cart_id, rev })
  )
}

/** Deletes the cart's Mailchimp copy from these stores (the last answer is the outcome). */
async function deleteFromStores(ctx: CommerceContext, stores: StoreTarget[], cartId: string, remoteExists: boolean, why: string): Promise<SyncOutcome> {
  let outcome: SyncOutcome = { status: "synced", remote_exists: false, note: `${why}; never sent` }
  for (const store of stores) outcome = await deleteRemoteCart(inStore(ctx, store), cartId, remoteExists, why)
  return outcome
}

/** The token expires with the cart's age limit, counted from its creation: the same link for every write. */
function expiry(cart: MedusaCart, maxAgeDays: number): number {
  const created = cart.created_at ? new Date(cart.created_at).getTime() : Date.now()
  return Math.floor((created + maxAgeDays * DAY_MS) / 1000)
}

/** The customer in full, with `opt_in_status` only from a recorded consent (the orders' rule). */
async function customerInFull(ctx: CommerceContext, cart: MedusaCart, id: string) {
  const email = cart.email!.trim().toLowerCase()
  const facts = await readConsentFacts(ctx.service, [email], consentAudienceOf(ctx.commerce.getOptions(), ctx.store))
  return toMailchimpCustomer({ id, email }, optInFor(facts, email))
}

async function createCart(ctx: CommerceContext, cart: MedusaCart, body: ReturnType<typeof toMailchimpCart>, campaign: CampaignRefusal) {
  // Mailchimp may hold it from the moment the POST leaves: a deletion must not skip it (cart-delete.ts).
  await ctx.commerce.setRemoteExists("cart", [cart.id], true)
  try {
    await withoutRefusedCampaign(body, (b) => ctx.client.ecommerce.carts.create(ctx.storeId, b), campaign)
    return "created"
  } catch (e) {
    if (!isDuplicate(e)) throw e
  }
  // Held already (a twin job, or a create whose answer was lost): changed instead, lines read from Mailchimp.
  const { lines: _lines, customer: _customer, id: _id, ...fields } = body
  return changeCart(ctx, cart, fields, null, campaign)
}

/**
 * A change of a cart the store believes Mailchimp holds. A 404 means Mailchimp no longer has it (deleted there, or
 * taken along with its store: catalogue row 25): the cart is created again, in full, by the create path (a POST that
 * finds it held after all becomes a change with the lines read back). Not when a newer change of the cart came in
 * meanwhile (null): the checkout bumps the revision in the transaction that marks the cart completed, so a 404 met
 * because the cart was just deleted for its order is left to that deletion, and no placed order's cart comes back. A
 * store that is gone fails the POST with 404 too, and runSync's storeGone takes it from there.
 */
async function changeOrCreate(
  ctx: CommerceContext,
  cart: MedusaCart,
  create: ReturnType<typeof toMailchimpCart>,
  fields: CartUpdateBody,
  sent: Record<string, string> | null,
  revision: number,
  campaign: CampaignRefusal
): Promise<string | null> {
  try {
    return await changeCart(ctx, cart, fields, sent, campaign)
  } catch (e) {
    if (!isNotFound(e)) throw e
  }
  const row = await ctx.commerce.getSync("cart", cart.id)
  if (row?.revision !== revision) return null
  const how = await createCart(ctx, cart, create, campaign)
  return how === "created" ? "created again: Mailchimp no longer had it" : how
}

/** PATCH of the cart's fields, then each line: added (POST), changed (PATCH) or removed (DELETE). */
async function changeCart(
  ctx: CommerceContext,
  cart: MedusaCart,
  fields: CartUpdateBody,
  sent: Record<string, string> | null,
  campaign: CampaignRefusal
): Promise<string> {
  const carts = ctx.client.ecommerce.carts
  const held = sent ?? lineHashes((await carts.get(ctx.storeId, cart.id)).lines.map(({ id, product_id, product_variant_id, quantity, price }) => ({ id, product_id, product_variant_id, quantity, price })))
  await withoutRefusedCampaign(fields, (b) => carts.update(ctx.storeId, cart.id, b), campaign)
  const lines = cartLines(cart)
  const wanted = new Set(lines.map((l) => l.id))
  let writes = 0
  for (const line of lines) {
    if (held[line.id] === lineHash(line)) continue
    const { id, ...change } = line
    if (held[line.id]) await carts.updateLine(ctx.storeId, cart.id, id, change)
    else await carts.addLine(ctx.storeId, cart.id, line)
    writes++
  }
  for (const id of Object.keys(held)) {
    if (wanted.has(id)) continue
    await carts.deleteLine(ctx.storeId, cart.id, id).catch((e) => {
      if (!isNotFound(e)) throw e
    })
    writes++
  }
  return `updated, ${writes} line write${writes === 1 ? "" : "s"}`
}

const lineHash = (line: CartLineBody) => payloadHash(line)

function lineHashes(lines: CartLineBody[]): Record<string, string> {
  return Object.fromEntries(lines.map((l) => [l.id, lineHash(l)]))
}
