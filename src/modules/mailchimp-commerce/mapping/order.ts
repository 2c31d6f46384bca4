import type { OrderCreateBody, OrderLineBody, OrderPromo, OrderUpdateBody } from "../../../mailchimp"
import { toOrderAddress } from "./address"
import { readCampaignId } from "./campaign-id"
import type { MedusaOrder } from "./medusa-types"
import { isoDate, money } from "./money"
import { lineRefs } from "./product"

export type OrderCustomerRef = OrderCreateBody["customer"]

/**
 * Where the shopper came from, as the storefront recorded it on the cart (docs/carts.md): Mailchimp's orders take
 * both the campaign and the landing site (its carts only the campaign).
 */
export type OrderSource = { campaign_id?: string | null; landing_site?: string | null }

/**
 * Mailchimp's `financial_status` (it triggers order notifications): cancelled, refunded,
 * partially_refunded, paid or pending.
 */
export function financialStatus(order: MedusaOrder): string {
  if (order.status === "canceled" || order.canceled_at) return "cancelled"
  const paid = money(order.summary?.paid_total)
  const refunded = money(order.summary?.refunded_total)
  if (refunded > 0) return refunded >= paid ? "refunded" : "partially_refunded"
  if (paid > 0 && paid >= money(order.total)) return "paid"
  return "pending"
}

/** `shipped` once a live fulfilment has left, `fulfilled` while it waits; nothing before. */
export function fulfillmentStatus(order: MedusaOrder): string | undefined {
  const live = (order.fulfillments ?? []).filter((f) => !f.canceled_at)
  if (live.some((f) => f.shipped_at || f.delivered_at)) return "shipped"
  return live.length ? "fulfilled" : undefined
}

function tracking(order: MedusaOrder): { tracking_number?: string; tracking_url?: string } {
  for (const f of order.fulfillments ?? []) {
    if (f.canceled_at) continue
    const label = (f.labels ?? []).find((l) => l.tracking_number)
    if (label?.tracking_number) {
      return { tracking_number: label.tracking_number, ...(label.tracking_url ? { tracking_url: label.tracking_url } : {}) }
    }
  }
  return {}
}

export function orderLines(order: MedusaOrder): OrderLineBody[] {
  return (order.items ?? []).map((item) => ({
    id: item.id,
    ...lineRefs(item),
    quantity: Math.max(1, Math.round(item.quantity)),
    price: money(item.unit_price),
    discount: money(item.discount_total),
  }))
}

/** Promotion codes with what each took off the order. */
export function orderPromos(order: MedusaOrder): OrderPromo[] {
  const byCode = new Map<string, number>()
  for (const item of order.items ?? []) {
    for (const adj of item.adjustments ?? []) {
      if (adj.code) byCode.set(adj.code, (byCode.get(adj.code) ?? 0) + money(adj.amount))
    }
  }
  return [...byCode].map(([code, amount]) => ({ code, amount_discounted: money(amount), type: "fixed" as const }))
}

function commonFields(order: MedusaOrder, source: OrderSource = {}) {
  // The order's own mc_cid wins; the cart's recorded campaign is the fallback.
  const campaignId = readCampaignId(order.metadata) ?? (source.campaign_id || null)
  const promos = orderPromos(order)
  const fulfillment = fulfillmentStatus(order)
  return compact({
    campaign_id: campaignId ?? undefined,
    landing_site: source.landing_site || undefined,
    financial_status: financialStatus(order),
    fulfillment_status: fulfillment,
    currency_code: order.currency_code.toUpperCase(),
    // The current total: Medusa lowers it by refunds (credit lines) and order edits.
    order_total: money(order.total),
    discount_total: money(order.discount_total),
    tax_total: money(order.tax_total),
    shipping_total: money(order.shipping_total),
    processed_at_foreign: isoDate(order.created_at),
    updated_at_foreign: isoDate(order.updated_at),
    cancelled_at_foreign: isoDate(order.canceled_at),
    shipping_address: toOrderAddress(order.shipping_address),
    billing_address: toOrderAddress(order.billing_address),
    promos: promos.length ? promos : undefined,
    ...tracking(order),
  })
}

/** The body of `POST /ecommerce/stores/{id}/orders`. */
export function toMailchimpOrder(order: MedusaOrder, customer: OrderCustomerRef, source?: OrderSource): OrderCreateBody {
  return { id: order.id, customer, ...commonFields(order, source), lines: orderLines(order) } as OrderCreateBody
}

/**
 * The body of `PATCH …/orders/{id}`: the same fields. Lines are left out: their ids cannot be
 * sent on PATCH, and Medusa's order edits are not synced line by line.
 */
export function toMailchimpOrderUpdate(order: MedusaOrder, source?: OrderSource): OrderUpdateBody {
  return commonFields(order, source) as OrderUpdateBody
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
