import { CUSTOMER_FIELDS } from "../mapping/fields"
import type { MedusaCustomer } from "../mapping/medusa-types"
import type { GraphQuery } from "./query"

export async function readCustomers(query: GraphQuery, ids: string[]): Promise<MedusaCustomer[]> {
  if (!ids.length) return []
  const { data } = await query.graph({ entity: "customer", fields: CUSTOMER_FIELDS, filters: { id: ids } })
  return data as MedusaCustomer[]
}
