import type { ProductFiling } from "../mapping/medusa-types"
import type { GraphQuery } from "./query"
import { idList, SqlConnection } from "./sql-connection"

/** Draft orders are not purchases: never read, never sent. */
export const PLACED_ORDERS = { is_draft_order: false }

/**
 * Where each product is filed (categories, collection); a deleted product is filed nowhere. Read from the
 * product module's tables as Query reads them (a deleted category left out), in one statement per 500.
 */
export async function readProductFilings(db: SqlConnection, productIds: string[]): Promise<Map<string, ProductFiling>> {
  const filing = new Map<string, ProductFiling>()
  const ids = [...new Set(productIds)]
  for (let i = 0; i < ids.length; i += 500) {
    const { any, binding } = idList(ids.slice(i, i + 500))
    const { rows } = await db.raw(FILINGS(any), [binding])
    for (const p of rows) filing.set(p.id, { category_ids: p.category_ids ?? [], collection_id: p.collection_id ?? null })
  }
  return filing
}

const FILINGS = (any: string) => `
SELECT p.id, p.collection_id,
  ARRAY(SELECT pcp.product_category_id FROM product_category_product pcp
        JOIN product_category c ON c.id = pcp.product_category_id AND c.deleted_at IS NULL
        WHERE pcp.product_id = p.id ORDER BY pcp.product_category_id) AS category_ids
FROM product p WHERE p.id = ${any} AND p.deleted_at IS NULL`

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
