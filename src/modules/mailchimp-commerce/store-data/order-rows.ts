import { decorateCartTotals } from "@medusajs/framework/utils"
import type { MedusaAddress, MedusaCustomer, MedusaFulfillment, MedusaOrder, MedusaOrderItem } from "../mapping/medusa-types"
import { addPageFilters, PageSelect } from "./page-filters"
import { idList, SqlConnection } from "./sql-connection"

/**
 * Orders as the mappings read them (lines, totals, discounts, addresses, customer, fulfilments), straight
 * from the order, customer and fulfilment tables, for the backfill and the live path. Query's read
 * hydrates the whole order graph through the ORM and costs about half a millisecond of CPU per order in
 * pages (tens of milliseconds for one order alone); this one a tenth of it.
 * Rows are chosen as the order module chooses them: the order's current version for items,
 * shipping methods, credit lines and summary, the item's (shipping method's) version for
 * adjustments, soft-deleted rows left out. Totals come from Medusa's own `decorateCartTotals` over
 * the same rows and raw (exact) amounts the module hands it, so they are Medusa's totals.
 */
export async function readOrderRows(
  db: SqlConnection,
  select: { ids: string[] } | PageSelect
): Promise<MedusaOrder[]> {
  const heads = "ids" in select ? await ordersById(db, select.ids) : await placedOrderPage(db, select)
  if (!heads.length) return []
  const { any, binding } = idList(heads.map((o) => o.id))
  const [items, itemAdjustments, itemTaxLines, shipping, shippingAdjustments, shippingTaxLines, creditLines, fulfillments] = await Promise.all(
    [ITEMS, ITEM_ADJUSTMENTS, ITEM_TAX_LINES, SHIPPING_METHODS, SHIPPING_ADJUSTMENTS, SHIPPING_TAX_LINES, CREDIT_LINES, FULFILLMENTS].map(
      (statement) => rows(db, statement(any), [binding])
    )
  )
  const addressIds = heads.flatMap((o) => [o.shipping_address_id, o.billing_address_id]).filter(Boolean)
  const customerIds = heads.map((o) => o.customer_id).filter(Boolean)
  const fulfillmentIds = fulfillments.map((f) => f.id)
  const [addresses, customers, labels] = await Promise.all([
    addressIds.length ? byIds(db, ADDRESSES, [...new Set(addressIds)]) : [],
    customerIds.length ? byIds(db, CUSTOMERS, [...new Set(customerIds)]) : [],
    fulfillmentIds.length ? byIds(db, LABELS, fulfillmentIds) : [],
  ])

  const adjustmentsOf = groupBy(itemAdjustments, "item_id")
  const taxLinesOf = groupBy(itemTaxLines, "item_id")
  const shippingAdjustmentsOf = groupBy(shippingAdjustments, "shipping_method_id")
  const shippingTaxLinesOf = groupBy(shippingTaxLines, "shipping_method_id")
  const itemsOf = groupBy(items, "order_id")
  const shippingOf = groupBy(shipping, "order_id")
  const creditLinesOf = groupBy(creditLines, "order_id")
  const fulfillmentsOf = groupBy(fulfillments, "order_id")
  const labelsOf = groupBy(labels, "fulfillment_id")
  const addressById = new Map<string, MedusaAddress>(addresses.map(({ id, ...a }): [string, MedusaAddress] => [id, a]))
  const customerById = new Map<string, MedusaCustomer>(customers.map((c): [string, MedusaCustomer] => [c.id, c]))

  return heads.map((head) => {
    const cart = {
      items: (itemsOf.get(head.id) ?? []).map(({ order_id: _o, ...item }) => ({
        ...item,
        adjustments: (adjustmentsOf.get(item.id) ?? []).map(({ item_id: _i, ...a }) => a),
        tax_lines: (taxLinesOf.get(item.id) ?? []).map(({ item_id: _i, ...t }) => t),
      })),
      shipping_methods: (shippingOf.get(head.id) ?? []).map(({ order_id: _o, ...method }) => ({
        ...method,
        adjustments: (shippingAdjustmentsOf.get(method.id) ?? []).map(({ shipping_method_id: _s, ...a }) => a),
        tax_lines: (shippingTaxLinesOf.get(method.id) ?? []).map(({ shipping_method_id: _s, ...t }) => t),
      })),
      credit_lines: (creditLinesOf.get(head.id) ?? []).map(({ order_id: _o, ...c }) => c),
    }
    const totals = decorateCartTotals(cart) as any
    const { shipping_address_id, billing_address_id, version: _v, ...order } = head
    return {
      ...order,
      total: numeric(totals.total),
      tax_total: numeric(totals.tax_total),
      discount_total: numeric(totals.discount_total),
      shipping_total: numeric(totals.shipping_total),
      items: totals.items.map(
        (i: any): MedusaOrderItem => ({
          id: i.id,
          product_id: i.product_id,
          variant_id: i.variant_id,
          product_title: i.product_title,
          product_handle: i.product_handle,
          variant_title: i.variant_title,
          variant_sku: i.variant_sku,
          title: i.title,
          thumbnail: i.thumbnail,
          quantity: numeric(i.quantity),
          unit_price: numeric(i.unit_price),
          discount_total: numeric(i.discount_total),
          adjustments: i.adjustments.map((a: any) => ({ code: a.code, amount: numeric(a.amount) })),
        })
      ),
      shipping_address: (shipping_address_id && addressById.get(shipping_address_id)) || null,
      billing_address: (billing_address_id && addressById.get(billing_address_id)) || null,
      customer: (head.customer_id && customerById.get(head.customer_id)) || null,
      fulfillments: (fulfillmentsOf.get(head.id) ?? []).map(
        ({ order_id: _o, ...f }): MedusaFulfillment => ({
          ...f,
          labels: (labelsOf.get(f.id) ?? []).map(({ fulfillment_id: _f, ...l }) => l),
        })
      ),
    } as MedusaOrder
  })
}

const numeric = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))

async function rows(db: SqlConnection, sql: string, bindings: unknown[]): Promise<any[]> {
  return (await db.raw(sql, bindings)).rows
}

/** A statement over an id list (`statement(any)` names the list as `= ${any}`). */
type OverIds = (any: string) => string

function byIds(db: SqlConnection, statement: OverIds, ids: string[]): Promise<any[]> {
  const { any, binding } = idList(ids)
  return rows(db, statement(any), [binding])
}

function groupBy(list: any[], key: string): Map<string, any[]> {
  const groups = new Map<string, any[]>()
  for (const row of list) {
    const k = row[key]
    const group = groups.get(k)
    if (group) group.push(row)
    else groups.set(k, [row])
  }
  return groups
}

const HEAD = `
SELECT o.id, o.display_id, o.email, o.customer_id, o.sales_channel_id, o.currency_code, o.status, o.is_draft_order, o.created_at, o.updated_at,
  o.canceled_at, o.metadata, o.locale, o.version, o.shipping_address_id, o.billing_address_id,
  (SELECT s.totals FROM order_summary s WHERE s.order_id = o.id AND s.version = o.version AND s.deleted_at IS NULL
   ORDER BY s.id LIMIT 1) AS summary
FROM "order" o`

async function ordersById(db: SqlConnection, ids: string[]): Promise<any[]> {
  if (!ids.length) return []
  return byIds(db, (any) => `${HEAD} WHERE o.id = ${any} AND o.deleted_at IS NULL ORDER BY o.id`, ids)
}

/** Placed (not draft) orders after `after` by id, optionally created since a date: what readPage asks Query for. */
async function placedOrderPage(db: SqlConnection, opts: PageSelect): Promise<any[]> {
  const where = ["o.deleted_at IS NULL", "o.is_draft_order = false"]
  const bindings: unknown[] = []
  addPageFilters("o", opts, where, bindings)
  return rows(db, `${HEAD} WHERE ${where.join(" AND ")} ORDER BY o.id LIMIT ?`, [...bindings, opts.take])
}

/** An order item joins its line item; the item row of the order's current version wins, its quantity and price with it. */
const ITEMS: OverIds = (any) => `
SELECT oi.order_id, li.id, li.product_id, li.variant_id, li.product_title, li.product_handle, li.variant_title, li.variant_sku,
  li.title, li.thumbnail, li.is_tax_inclusive, oi.quantity, oi.raw_quantity,
  coalesce(oi.unit_price, li.unit_price) AS unit_price, coalesce(oi.raw_unit_price, li.raw_unit_price) AS raw_unit_price
FROM order_item oi
JOIN "order" o ON o.id = oi.order_id AND o.version = oi.version
JOIN order_line_item li ON li.id = oi.item_id AND li.deleted_at IS NULL
WHERE oi.order_id = ${any} AND oi.deleted_at IS NULL
ORDER BY oi.order_id, oi.id`

const ITEM_ADJUSTMENTS: OverIds = (any) => `
SELECT a.item_id, a.code, a.amount, a.raw_amount, a.is_tax_inclusive
FROM order_item oi
JOIN "order" o ON o.id = oi.order_id AND o.version = oi.version
JOIN order_line_item_adjustment a ON a.item_id = oi.item_id AND a.version = oi.version AND a.deleted_at IS NULL
WHERE oi.order_id = ${any} AND oi.deleted_at IS NULL
ORDER BY a.id`

const ITEM_TAX_LINES: OverIds = (any) => `
SELECT t.item_id, t.rate, t.raw_rate
FROM order_item oi
JOIN "order" o ON o.id = oi.order_id AND o.version = oi.version
JOIN order_line_item_tax_line t ON t.item_id = oi.item_id AND t.deleted_at IS NULL
WHERE oi.order_id = ${any} AND oi.deleted_at IS NULL
ORDER BY t.id`

const SHIPPING_METHODS: OverIds = (any) => `
SELECT os.order_id, sm.id, sm.amount, sm.raw_amount, sm.is_tax_inclusive
FROM order_shipping os
JOIN "order" o ON o.id = os.order_id AND o.version = os.version
JOIN order_shipping_method sm ON sm.id = os.shipping_method_id AND sm.deleted_at IS NULL
WHERE os.order_id = ${any} AND os.deleted_at IS NULL
ORDER BY os.order_id, os.id`

const SHIPPING_ADJUSTMENTS: OverIds = (any) => `
SELECT a.shipping_method_id, a.code, a.amount, a.raw_amount
FROM order_shipping os
JOIN "order" o ON o.id = os.order_id AND o.version = os.version
JOIN order_shipping_method_adjustment a ON a.shipping_method_id = os.shipping_method_id AND a.version = os.version AND a.deleted_at IS NULL
WHERE os.order_id = ${any} AND os.deleted_at IS NULL
ORDER BY a.id`

const SHIPPING_TAX_LINES: OverIds = (any) => `
SELECT t.shipping_method_id, t.rate, t.raw_rate
FROM order_shipping os
JOIN "order" o ON o.id = os.order_id AND o.version = os.version
JOIN order_shipping_method_tax_line t ON t.shipping_method_id = os.shipping_method_id AND t.deleted_at IS NULL
WHERE os.order_id = ${any} AND os.deleted_at IS NULL
ORDER BY t.id`

const CREDIT_LINES: OverIds = (any) => `
SELECT c.order_id, c.amount, c.raw_amount
FROM order_credit_line c
JOIN "order" o ON o.id = c.order_id AND o.version = c.version
WHERE c.order_id = ${any} AND c.deleted_at IS NULL
ORDER BY c.id`

const ADDRESSES: OverIds = (any) => `
SELECT id, first_name, last_name, company, address_1, address_2, city, province, postal_code, country_code, phone
FROM order_address WHERE id = ${any} AND deleted_at IS NULL`

const CUSTOMERS: OverIds = (any) => `
SELECT id, email, first_name, last_name, company_name, phone
FROM customer WHERE id = ${any} AND deleted_at IS NULL`

/** The order–fulfilment link's table, then the fulfilment module's. */
const FULFILLMENTS: OverIds = (any) => `
SELECT l.order_id, f.id, f.shipped_at, f.delivered_at, f.canceled_at
FROM order_fulfillment l
JOIN fulfillment f ON f.id = l.fulfillment_id AND f.deleted_at IS NULL
WHERE l.order_id = ${any} AND l.deleted_at IS NULL
ORDER BY f.id`

const LABELS: OverIds = (any) => `
SELECT fulfillment_id, tracking_number, tracking_url
FROM fulfillment_label WHERE fulfillment_id = ${any} AND deleted_at IS NULL
ORDER BY id`
