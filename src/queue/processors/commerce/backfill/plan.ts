import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { subscriberHash } from "../../../../mailchimp"
import type { BackfillKind } from "../../../../types/mailchimp-commerce-module"
import {
  CAMPAIGN_METADATA_KEY,
  lineRefs,
  MedusaCustomer,
  MedusaOrder,
  MedusaProduct,
  PRODUCT_FIELDS,
  purchaseMergeValues,
  toMailchimpCustomer,
  toPurchaseOrder,
} from "../../../../modules/mailchimp-commerce/mapping"
import {
  BatchPlan,
  customerOperations,
  mergeFieldOperations,
  mergePlans,
  orderOperations,
  productOperations,
} from "../../../../modules/mailchimp-commerce/backfill/operations"
import {
  optInFor,
  readConsentFacts,
  readStoreConsentFacts,
  readCustomerRows,
  readOrderRows,
  readPage,
  readProductFilings,
  readProducts,
  readCustomerChannels,
  SqlConnection,
} from "../../../../modules/mailchimp-commerce/store-data"
import { consentAudienceOf, storeOfChannel, storeTargets, type StoreTarget } from "../../../../modules/mailchimp-commerce/channels"
import { inStore, type CommerceContext } from "../context"
import { ensureOrderProducts } from "../ensure-order-products"
import { createMissingMergeFields } from "../ensure-merge-fields"
import { productBody } from "../sync-product"
import { subscribeConsented, SubscribeOutcome } from "./subscribe-consented"

export type PagePlan = BatchPlan & {
  /** How many records the page read: fewer than asked means it was the last. */
  read: number
  cursor: string | null
  /** Records left out (no email, no lines): counted as skipped. */
  skipped: number
  members?: SubscribeOutcome
}

/** Reads the next page of a kind after the cursor and plans its batch (page mode: side work included). */
export async function planPage(
  ctx: CommerceContext,
  kind: BackfillKind,
  cursor: string | null,
  since: Date | null,
  take: number
): Promise<PagePlan> {
  if (kind === "merge_fields") {
    const profiles = await ctx.commerce.listPurchaseProfiles(
      cursor ? { email: { $gt: cursor } } : {},
      { take, order: { email: "ASC" }, select: ["email", "orders_count", "total_spent", "first_order_at", "last_order_at"] }
    )
    // A run checks the audience's merge fields once for itself (they may have been removed since the last look).
    const plan = await planMergeFields(ctx, profiles, cursor === null)
    return { ...plan, read: profiles.length, cursor: profiles.at(-1)?.email ?? cursor, skipped: 0 }
  }
  const page = { after: cursor, since, take }
  const records: { id: string }[] =
    kind === "products"
      ? await readPage<MedusaProduct>(ctx.query, "product", PRODUCT_FIELDS, page)
      : kind === "customers"
        ? await readCustomerRows(storeDb(ctx), page)
        : await readOrderRows(storeDb(ctx), page)
  const planned = await planRecords(ctx, kind, records, true)
  return { ...planned, read: records.length, cursor: records.at(-1)?.id ?? cursor }
}

/** Plans a batch for these objects again (operations that failed and may succeed on a second try). */
export async function planRetry(
  ctx: CommerceContext,
  kind: BackfillKind,
  ids: string[],
  opts: { forceProducts?: boolean; forceCustomers?: boolean; forceMergeFields?: boolean; dropCampaign?: Set<string> } = {}
): Promise<BatchPlan & { skipped: number }> {
  if (kind === "merge_fields") {
    const profiles = await ctx.commerce.listPurchaseProfiles({ email: ids }, { take: ids.length })
    const plan = await planMergeFields(ctx, profiles, opts.forceMergeFields)
    return { ...plan, skipped: ids.length - plan.objectIds.length }
  }
  const records =
    kind === "products"
      ? await readProducts(ctx.query, ids)
      : kind === "customers"
        ? await readCustomerRows(storeDb(ctx), { ids })
        : await readOrderRows(storeDb(ctx), { ids })
  // Orders Mailchimp refused for their campaign id (not a campaign of this audience) go without it.
  if (kind === "orders" && opts.dropCampaign?.size) {
    for (const order of records as MedusaOrder[]) {
      if (opts.dropCampaign.has(order.id)) order.metadata = { ...order.metadata, [CAMPAIGN_METADATA_KEY]: undefined }
    }
  }
  const plan = await planRecords(ctx, kind, records, false, opts.forceProducts, opts.forceCustomers, opts.dropCampaign)
  return { ...plan, skipped: plan.skipped + (ids.length - records.length) }
}

/** An erased buyer's customer and orders are not sent again (nor recorded) until they opt in afresh. */
async function withoutErased<T extends { email?: string | null }>(ctx: CommerceContext, records: T[]): Promise<T[]> {
  const erased = await ctx.service.erasedSince(records.map((r) => r.email ?? ""))
  return erased.size ? records.filter((r) => !erased.has((r.email ?? "").trim().toLowerCase())) : records
}

async function planRecords(
  ctx: CommerceContext,
  kind: Exclude<BackfillKind, "merge_fields">,
  records: unknown[],
  pageMode: boolean,
  forceProducts = false,
  forceCustomers = false,
  dropCampaign?: Set<string>
): Promise<BatchPlan & { skipped: number; members?: SubscribeOutcome }> {
  const { commerce } = ctx
  const options = commerce.getOptions()
  // Each Mailchimp store gets its sales channels' objects (without salesChannels: one store, every object).
  const stores = storeTargets(options)
  if (kind === "products") {
    const products = records as MedusaProduct[]
    const remote = await commerce.remoteExisting("product", products.map((p) => p.id))
    const groups = stores.map((store) => ({ store, products: store.channelIds ? products.filter((p) => inChannels(store, p.sales_channels?.map((c) => c.id))) : products }))
    const plans = await Promise.all(
      groups.map(async (g) => productOperations(g.store.storeId, await Promise.all(g.products.map((p) => productBody(inStore(ctx, g.store), p))), remote))
    )
    return { ...mergePlans(plans), skipped: products.length - new Set(groups.flatMap((g) => g.products.map((p) => p.id))).size }
  }
  if (kind === "customers") {
    const all = records as MedusaCustomer[]
    const customers = await withoutErased(ctx, all.filter((c) => !!c.email))
    const emails = customers.map((c) => c.email!)
    // The batch subscribe is into the plugin's audience: only its own consents count there (with salesChannels,
    // an opt-in into a channel's audience never subscribes anyone to the plugin's).
    const consent = await readConsentFacts(ctx.service, emails, options.salesChannels ? ctx.service.getOptions().audienceId : undefined)
    const members = pageMode ? await subscribeConsented(ctx, customers, consent) : undefined
    const factsOf = options.salesChannels
      ? await readStoreConsentFacts(ctx.service, emails, stores.map((s) => consentAudienceOf(options, s)))
      : () => consent
    // A customer goes to the store of each channel they have a cart or an order in.
    const channelsOf = options.salesChannels ? await readCustomerChannels(storeDb(ctx), customers.map((c) => c.id)) : null
    const groups = stores.map((store) => ({
      store,
      bodies: (channelsOf ? customers.filter((c) => inChannels(store, channelsOf.get(c.id))) : customers).map((c) =>
        toMailchimpCustomer(c, optInFor(factsOf(consentAudienceOf(options, store)), c.email))
      ),
    }))
    const sent = new Set(groups.flatMap((g) => g.bodies.map((b) => b.id))).size
    return { ...mergePlans(groups.map((g) => customerOperations(g.store.storeId, g.bodies))), skipped: all.length - sent, members }
  }
  const all = records as MedusaOrder[]
  const orders = await withoutErased(ctx, all.filter((o) => !!o.email && !o.is_draft_order && !!o.items?.length))
  if (pageMode) {
    // The backfill reads every order anyway: their purchase rows come along (profiles are refreshed once the orders are done).
    const filing = await readProductFilings(storeDb(ctx), orders.flatMap((o) => (o.items ?? []).map((i) => i.product_id!).filter(Boolean)))
    await commerce.upsertPurchaseOrders(orders.map((o) => toPurchaseOrder(o, filing)).filter((r) => r !== null))
  }
  // Each order to its sales channel's store; an unmapped channel's orders are left out (counted as skipped).
  const groups = stores.map((store) => ({ store, orders: orders.filter((o) => storeOfChannel(options, o.sales_channel_id)?.storeId === store.storeId) }))
  const customerIds = orders.map((o) => customerIdOf(o))
  // After Mailchimp refused orders for their customer (gone from it), every customer goes in full; with several
  // stores, whether a store holds the buyer is not known from their one row: always in full.
  const knownCustomers = forceCustomers || options.salesChannels ? new Set<string>() : await commerce.remoteExisting("customer", customerIds)
  const factsOf = await readStoreConsentFacts(ctx.service, orders.map((o) => o.email!), stores.map((s) => consentAudienceOf(options, s)))
  const remote = await commerce.remoteExisting("order", orders.map((o) => o.id))
  // Where each shopper came from (the carts' recorded campaign and landing site): one read for the page.
  const carts = await commerce.cartsOfOrders(orders.map((o) => o.id))
  const cartOf = (order: MedusaOrder) => {
    const cart = carts.get(order.id)
    return cart && dropCampaign?.has(order.id) ? { ...cart, campaign_id: null } : cart
  }
  const plans: BatchPlan[] = []
  for (const { store, orders: ofStore } of groups) {
    const items = ofStore.flatMap((o) => o.items ?? [])
    // After Mailchimp refused lines as naming unknown products, they are all sent again first.
    await ensureOrderProducts(inStore(ctx, store), items, forceProducts ? new Set(items.map((i) => lineRefs(i).product_id)) : undefined)
    const customerOf = (order: MedusaOrder) => {
      const id = customerIdOf(order)
      if (knownCustomers.has(id)) return { id }
      const email = order.email!.trim().toLowerCase()
      const customer = order.customer ?? { id, email }
      const optIn = optInFor(factsOf(consentAudienceOf(options, store)), email)
      return toMailchimpCustomer({ ...customer, id, email: customer.email ?? email }, optIn, order.billing_address ?? order.shipping_address)
    }
    plans.push(orderOperations(store.storeId, ofStore, remote, customerOf, cartOf))
  }
  const routed = groups.reduce((n, g) => n + g.orders.length, 0)
  return { ...mergePlans(plans), skipped: all.length - routed }
}

/** Whether these sales channels include one of the store's. */
function inChannels(store: StoreTarget, channelIds: string[] | undefined): boolean {
  return !!channelIds?.some((id) => store.channelIds!.includes(id))
}

/**
 * Customers and orders are read from their tables, not through Query: at backfill volumes the ORM's
 * hydration and Medusa's totals pass over the hydrated graph were most of the store's CPU.
 */
function storeDb(ctx: CommerceContext): SqlConnection {
  return ctx.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
}

function customerIdOf(order: MedusaOrder): string {
  return order.customer_id ?? `guest-${subscriberHash(order.email!)}`
}

async function planMergeFields(
  ctx: CommerceContext,
  profiles: { email: string; orders_count: number; total_spent: unknown; first_order_at: Date | null; last_order_at: Date | null }[],
  checkMergeFields = false
): Promise<BatchPlan> {
  const options = ctx.commerce.getOptions()
  if (checkMergeFields || !ctx.commerce.mergeFieldsFresh()) await createMissingMergeFields(ctx)
  return mergeFieldOperations(
    options.audienceId,
    profiles.map((p) => ({
      email: p.email,
      merge_fields: purchaseMergeValues({ ...p, total_spent: Number(p.total_spent) }, options.purchaseMergeFields),
    }))
  )
}
