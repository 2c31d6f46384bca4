import { idList, SqlConnection, textArray } from "./sql-connection"

/**
 * The sales channels each customer has a cart or a placed order in: a Medusa customer has no channel of their own,
 * and is sent to the Mailchimp store of each of these (docs/sales-channels.md). Read from the cart and order
 * modules' tables (docs/cross-module-sql.md), by their customer_id indexes, 500 customers a statement.
 */
export async function readCustomerChannels(db: SqlConnection, customerIds: string[]): Promise<Map<string, string[]>> {
  const channels = new Map<string, string[]>()
  for (let i = 0; i < customerIds.length; i += 500) {
    const { any, binding } = idList(customerIds.slice(i, i + 500))
    const { rows } = await db.raw(CUSTOMER_CHANNELS(any), [binding, binding])
    for (const r of rows) channels.set(r.customer_id, [...(channels.get(r.customer_id) ?? []), r.sales_channel_id])
  }
  return channels
}

const CUSTOMER_CHANNELS = (any: string) => `
SELECT customer_id, sales_channel_id FROM "order"
WHERE customer_id = ${any} AND is_draft_order = false AND deleted_at IS NULL AND sales_channel_id IS NOT NULL
UNION
SELECT customer_id, sales_channel_id FROM cart
WHERE customer_id = ${any} AND deleted_at IS NULL AND sales_channel_id IS NOT NULL`

/** How many objects of one Mailchimp store's sales channels the Medusa store holds (the count check, per store). */
export async function countInChannels(db: SqlConnection, kind: "products" | "customers" | "orders", channelIds: string[]): Promise<number> {
  const channels = textArray(channelIds)
  const { rows } = await db.raw(COUNTS[kind], kind === "customers" ? [channels, channels] : [channels])
  return Number(rows[0]?.n ?? 0)
}

const COUNTS = {
  // The product ↔ sales channel link's table (Medusa's product-sales-channel link).
  products: `
SELECT count(DISTINCT p.id) AS n FROM product p
JOIN product_sales_channel l ON l.product_id = p.id AND l.deleted_at IS NULL
WHERE p.deleted_at IS NULL AND l.sales_channel_id = ANY(?::text[])`,
  customers: `
SELECT count(*) AS n FROM customer c
WHERE c.deleted_at IS NULL AND c.email IS NOT NULL AND (
  EXISTS (SELECT 1 FROM "order" o WHERE o.customer_id = c.id AND o.is_draft_order = false AND o.deleted_at IS NULL AND o.sales_channel_id = ANY(?::text[]))
  OR EXISTS (SELECT 1 FROM cart k WHERE k.customer_id = c.id AND k.deleted_at IS NULL AND k.sales_channel_id = ANY(?::text[])))`,
  orders: `
SELECT count(*) AS n FROM "order" o
WHERE o.is_draft_order = false AND o.deleted_at IS NULL AND o.sales_channel_id = ANY(?::text[])`,
}
