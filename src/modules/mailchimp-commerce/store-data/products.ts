import { PRODUCT_FIELDS } from "../mapping/fields"
import type { MedusaProduct } from "../mapping/medusa-types"
import type { GraphQuery } from "./query"

export async function readProducts(query: GraphQuery, ids: string[]): Promise<MedusaProduct[]> {
  if (!ids.length) return []
  const found: MedusaProduct[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const { data } = await query.graph({ entity: "product", fields: PRODUCT_FIELDS, filters: { id: ids.slice(i, i + 500) } })
    found.push(...(data as MedusaProduct[]))
  }
  return found
}

/** The product a variant belongs to, deleted or not. */
export async function productIdForVariant(query: GraphQuery, variantId: string): Promise<string | null> {
  const { data } = await query.graph({ entity: "product_variant", fields: ["id", "product_id"], filters: { id: variantId }, withDeleted: true })
  return data[0]?.product_id ?? null
}
