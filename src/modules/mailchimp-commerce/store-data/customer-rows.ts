import type { MedusaCustomer } from "../mapping/medusa-types"
import { addPageFilters, PageSelect } from "./page-filters"
import { idList, SqlConnection } from "./sql-connection"

/**
 * The backfill's customer read: what `readCustomers` answers for CUSTOMER_FIELDS, from the customer
 * module's tables (soft-deleted customers and addresses left out), without the ORM's cost per row.
 */
export async function readCustomerRows(
  db: SqlConnection,
  select: { ids: string[] } | PageSelect
): Promise<MedusaCustomer[]> {
  const where = ["c.deleted_at IS NULL"]
  const bindings: unknown[] = []
  let limit = ""
  if ("ids" in select) {
    if (!select.ids.length) return []
    const { any, binding } = idList(select.ids)
    where.push(`c.id = ${any}`)
    bindings.push(binding)
  } else {
    addPageFilters("c", select, where, bindings)
    limit = " LIMIT ?"
    bindings.push(select.take)
  }
  const { rows: customers } = await db.raw(
    `SELECT c.id, c.email, c.first_name, c.last_name, c.company_name, c.phone, c.created_at FROM customer c
     WHERE ${where.join(" AND ")} ORDER BY c.id${limit}`,
    bindings
  )
  if (!customers.length) return []
  const ids = idList(customers.map((c: { id: string }) => c.id))
  const { rows: addresses } = await db.raw(
    `SELECT customer_id, first_name, last_name, address_1, address_2, city, province, postal_code, country_code,
       is_default_billing, is_default_shipping
     FROM customer_address WHERE customer_id = ${ids.any} AND deleted_at IS NULL
     ORDER BY customer_id, created_at, id`,
    [ids.binding]
  )
  const byCustomer = new Map<string, any[]>()
  for (const { customer_id, ...a } of addresses) {
    const list = byCustomer.get(customer_id)
    if (list) list.push(a)
    else byCustomer.set(customer_id, [a])
  }
  return customers.map((c: MedusaCustomer) => ({ ...c, addresses: byCustomer.get(c.id) ?? [] }))
}
