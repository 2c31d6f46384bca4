import type { MedusaCart } from "../mapping/cart"
import type { GraphQuery } from "./query"

const CART_FIELDS = [
  "id",
  "email",
  "customer_id",
  "sales_channel_id",
  "currency_code",
  "created_at",
  "updated_at",
  "completed_at",
  "metadata",
  "total",
  "tax_total",
  "items.id",
  "items.product_id",
  "items.variant_id",
  "items.product_title",
  "items.product_handle",
  "items.variant_title",
  "items.variant_sku",
  "items.title",
  "items.quantity",
  "items.unit_price",
]

/** One cart with its lines and Medusa's totals (Query computes them); undefined when there is no such cart. */
export async function readCart(query: GraphQuery, cartId: string): Promise<MedusaCart | undefined> {
  const { data } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: cartId } })
  return data[0] as MedusaCart | undefined
}
