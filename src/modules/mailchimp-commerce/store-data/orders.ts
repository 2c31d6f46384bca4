import { PRODUCT_FILING_FIELDS } from "../mapping/fields"
import type { ProductFiling } from "../mapping/medusa-types"
import type { GraphQuery } from "./query"

/** Draft orders are not purchases: never read, never sent. */
export const PLACED_ORDERS = { is_draft_order: false }

/** Where each product is filed (categories, collection); a deleted product is filed nowhere. */
export async function readProductFilings(query: GraphQuery, productIds: string[]): Promise<Map<string, ProductFiling>> {
  const filing = new Map<string, ProductFiling>()
  const ids = [...new Set(productIds)]
  for (let i = 0; i < ids.length; i += 500) {
    const { data } = await query.graph({ entity: "product", fields: PRODUCT_FILING_FIELDS, filters: { id: ids.slice(i, i + 500) } })
    for (const p of data) {
      filing.set(p.id, {
        category_ids: (p.categories ?? []).map((c: { id: string }) => c.id),
        collection_id: p.collection_id ?? null,
      })
    }
  }
  return filing
}

/** The order a payment was made for (payment → payment collection → order). */
export async function orderIdForPayment(query: GraphQuery, paymentId: string): Promise<string | null> {
  const { data } = await query.graph({ entity: "payment", fields: ["id", "payment_collection_id"], filters: { id: paymentId } })
  const collectionId = data[0]?.payment_collection_id
  if (!collectionId) return null
  const { data: links } = await query.graph({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: collectionId },
  })
  return links[0]?.order_id ?? null
}

/** The order a fulfilment belongs to. */
export async function orderIdForFulfillment(query: GraphQuery, fulfillmentId: string): Promise<string | null> {
  const { data } = await query.graph({ entity: "order_fulfillment", fields: ["order_id"], filters: { fulfillment_id: fulfillmentId } })
  return data[0]?.order_id ?? null
}
