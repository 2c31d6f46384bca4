import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { subscriberHash } from "../../../../mailchimp"
import type { BackfillKind } from "../../../../modules/mailchimp-commerce/service"
import {
  lineRefs,
  MedusaCustomer,
  MedusaOrder,
  MedusaProduct,
  PRODUCT_FIELDS,
  purchaseMergeValues,
  toMailchimpCustomer,
  toMailchimpProduct,
  toPurchaseOrder,
} from "../../../../modules/mailchimp-commerce/mapping"
import {
  BatchPlan,
  customerOperations,
  mergeFieldOperations,
  orderOperations,
  productOperations,
} from "../../../../modules/mailchimp-commerce/backfill/operations"
import {
  optInFor,
  readConsentFacts,
  readCustomerRows,
  readOrderRows,
  readPage,
  readProductFilings,
  readProducts,
  readStoreFacts,
  SqlConnection,
} from "../../../../modules/mailchimp-commerce/store-data"
import type { CommerceContext } from "../context"
import { ensureOrderProducts } from "../ensure-order-products"
import { createMissingMergeFields } from "../ensure-merge-fields"
import { productUrlTemplate } from "../sync-product"
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
  opts: { forceProducts?: boolean; forceMergeFields?: boolean } = {}
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
  const plan = await planRecords(ctx, kind, records, false, opts.forceProducts)
  return { ...plan, skipped: plan.skipped + (ids.length - records.length) }
}

async function planRecords(
  ctx: CommerceContext,
  kind: Exclude<BackfillKind, "merge_fields">,
  records: unknown[],
  pageMode: boolean,
  forceProducts = false
): Promise<BatchPlan & { skipped: number; members?: SubscribeOutcome }> {
  const { commerce, storeId } = ctx
  const facts = await readStoreFacts(ctx.query)
  if (kind === "products") {
    const products = records as MedusaProduct[]
    const template = productUrlTemplate(commerce.getOptions())
    const remote = await commerce.remoteExisting("product", products.map((p) => p.id))
    const bodies = products.map((p) => toMailchimpProduct(p, facts.currencyCode, { template }))
    return { ...productOperations(storeId, bodies, remote), skipped: 0 }
  }
  if (kind === "customers") {
    const all = records as MedusaCustomer[]
    const customers = all.filter((c) => !!c.email)
    const consent = await readConsentFacts(ctx.service, customers.map((c) => c.email!))
    const members = pageMode ? await subscribeConsented(ctx, customers, consent) : undefined
    const bodies = customers.map((c) => toMailchimpCustomer(c, optInFor(consent, c.email)))
    return { ...customerOperations(storeId, bodies), skipped: all.length - customers.length, members }
  }
  const all = records as MedusaOrder[]
  const orders = all.filter((o) => !!o.email && !o.is_draft_order && !!o.items?.length)
  if (pageMode) {
    // The backfill reads every order anyway: their purchase rows come along (profiles are refreshed once the orders are done).
    const filing = await readProductFilings(storeDb(ctx), orders.flatMap((o) => (o.items ?? []).map((i) => i.product_id!).filter(Boolean)))
    await commerce.upsertPurchaseOrders(orders.map((o) => toPurchaseOrder(o, filing)).filter((r) => r !== null))
  }
  const items = orders.flatMap((o) => o.items ?? [])
  // After Mailchimp refused lines as naming unknown products, they are all sent again first.
  await ensureOrderProducts(ctx, items, forceProducts ? new Set(items.map((i) => lineRefs(i).product_id)) : undefined)
  const customerIds = orders.map((o) => customerIdOf(o))
  const knownCustomers = await commerce.remoteExisting("customer", customerIds)
  const consent = await readConsentFacts(ctx.service, orders.map((o) => o.email!))
  const remote = await commerce.remoteExisting("order", orders.map((o) => o.id))
  const plan = orderOperations(storeId, orders, remote, (order) => {
    const id = customerIdOf(order)
    if (knownCustomers.has(id)) return { id }
    const email = order.email!.trim().toLowerCase()
    const customer = order.customer ?? { id, email }
    return toMailchimpCustomer({ ...customer, id, email: customer.email ?? email }, optInFor(consent, email), order.billing_address ?? order.shipping_address)
  })
  return { ...plan, skipped: all.length - orders.length }
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
