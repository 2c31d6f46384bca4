import { readCampaignId } from "./campaign-id"
import type { MedusaOrder, ProductFiling } from "./medusa-types"
import { money } from "./money"

/** One row of mailchimp_purchase_order: what an order adds to its buyer's profile. */
export type PurchaseOrderRow = {
  order_id: string
  email: string
  customer_id: string | null
  currency_code: string
  status: "placed" | "canceled"
  total: number
  refunded_total: number
  net_total: number
  placed_at: string
  canceled_at: string | null
  product_ids: string[]
  variant_ids: string[]
  category_ids: string[]
  collection_ids: string[]
  campaign_id: string | null
}

/**
 * What an order adds to a profile, from its current state. Draft orders and orders without an
 * email add nothing (null). `net_total` is Medusa's current order total, which refunds (refund
 * credit lines) and order edits lower; `total` is the total at placement.
 */
export function toPurchaseOrder(order: MedusaOrder, filing: Map<string, ProductFiling>): PurchaseOrderRow | null {
  const email = order.email?.trim().toLowerCase()
  if (!email || order.is_draft_order) return null
  const canceled = order.status === "canceled" || !!order.canceled_at
  const productIds = uniq((order.items ?? []).map((i) => i.product_id))
  const filings = productIds.map((id) => filing.get(id)).filter((f): f is ProductFiling => !!f)
  return {
    order_id: order.id,
    email,
    customer_id: order.customer_id ?? null,
    currency_code: order.currency_code.toLowerCase(),
    status: canceled ? "canceled" : "placed",
    total: money(order.summary?.original_order_total ?? order.total),
    refunded_total: money(order.summary?.refunded_total),
    net_total: Math.max(0, money(order.total)),
    placed_at: new Date(order.created_at).toISOString(),
    canceled_at: canceled ? new Date(order.canceled_at ?? order.created_at).toISOString() : null,
    product_ids: productIds,
    variant_ids: uniq((order.items ?? []).map((i) => i.variant_id)),
    category_ids: uniq(filings.flatMap((f) => f.category_ids)),
    collection_ids: uniq(filings.map((f) => f.collection_id)),
    campaign_id: readCampaignId(order.metadata),
  }
}

function uniq(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort()
}
