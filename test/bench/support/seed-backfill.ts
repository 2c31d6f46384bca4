/**
 * `medusa exec test/bench/support/seed-backfill.ts`: makes BENCH_BACKFILL_N customers and as many
 * orders (one per customer, one line of a seeded product variant, shipping and billing address) for
 * the backfill scenario, in seconds rather than hours. One customer and one order are made through
 * Medusa's customer and order modules (so every column holds what Medusa itself writes); then SQL
 * clones them with generate_series into the tables the backfill reads for them (customer; order,
 * order_summary, order_item, order_line_item), each clone with its own id, email and display id. The
 * clones share the template order's two address rows (read-only here). Ids sort in creation order
 * (the backfill pages by id). Writes {customers, orders} (the counts in the database) to BENCH_SEED_OUT.
 */
import fs from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { US_ADDRESS } from "../../support/store-client"

type Knex = { raw(sql: string, bindings?: unknown[]): Promise<{ rows: any[] }> }

export default async function seedBackfill({ container }: ExecArgs): Promise<void> {
  const n = Number(process.env.BENCH_BACKFILL_N || 100_000)
  const out = process.env.BENCH_SEED_OUT
  if (!out) throw new Error("BENCH_SEED_OUT is not set")
  const tag = (process.env.BENCH_SEED_TAG || "bf").toLowerCase().replace(/[^a-z0-9]/g, "")
  const db = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "title", "sku", "product.id", "product.title", "product.handle"],
  })
  const variant = variants.find((v: any) => v.product?.id)
  if (!variant) throw new Error("The store has no product variant (seed the store first)")
  const { data: regions } = await query.graph({ entity: "region", fields: ["id"] })

  const address = { first_name: "Bench", last_name: "Shopper", phone: "+15125550100", ...US_ADDRESS }
  const [customer] = await container.resolve(Modules.CUSTOMER).createCustomers([
    { email: `${tag}-template@example.com`, first_name: "Bench", last_name: "Shopper", phone: "+15125550100" },
  ])
  const [order] = await container.resolve(Modules.ORDER).createOrders([
    {
      email: customer.email,
      customer_id: customer.id,
      region_id: regions[0]?.id,
      currency_code: "usd",
      status: "completed",
      shipping_address: address,
      billing_address: address,
      items: [
        {
          title: variant.product.title,
          product_id: variant.product.id,
          product_title: variant.product.title,
          product_handle: variant.product.handle,
          variant_id: variant.id,
          variant_title: variant.title,
          variant_sku: variant.sku,
          quantity: 2,
          unit_price: 25,
        },
      ],
    } as any,
  ])

  const columns = async (table: string): Promise<string[]> =>
    (await db.raw(`SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema() ORDER BY ordinal_position`, [table])).rows.map(
      (r: any) => r.column_name
    )
  /** INSERT … SELECT the template row once per g in 1..n-1, with some columns computed from g. */
  const clone = async (table: string, where: string, bindings: unknown[], set: Record<string, string>, omit: string[] = []) => {
    const cols = (await columns(table)).filter((c) => !omit.includes(c))
    const list = cols.map((c) => `"${c}"`).join(", ")
    const select = cols.map((c) => (set[c] ? `${set[c]} AS "${c}"` : `t."${c}"`)).join(", ")
    await db.raw(`INSERT INTO "${table}" (${list}) SELECT ${select} FROM "${table}" t, generate_series(1, ?) g WHERE ${where}`, [n - 1, ...bindings])
  }
  const num = `lpad(g::text, 8, '0')`
  const email = `'${tag}-' || g || '@example.com'`
  await clone("customer", "t.id = ?", [customer.id], { id: `'cus_${tag}' || ${num}`, email })
  const [item] = (await db.raw(`SELECT item_id FROM order_item WHERE order_id = ?`, [order.id])).rows
  await clone("order_line_item", "t.id = ?", [item.item_id], { id: `'ordli_${tag}' || ${num}` })
  await clone(
    "order",
    "t.id = ?",
    [order.id],
    { id: `'order_${tag}' || ${num}`, customer_id: `'cus_${tag}' || ${num}`, email },
    ["display_id"]
  )
  await clone("order_summary", "t.order_id = ?", [order.id], { id: `'ordsum_${tag}' || ${num}`, order_id: `'order_${tag}' || ${num}` })
  await clone("order_item", "t.order_id = ?", [order.id], {
    id: `'orditem_${tag}' || ${num}`,
    order_id: `'order_${tag}' || ${num}`,
    item_id: `'ordli_${tag}' || ${num}`,
  })
  await db.raw(`ANALYZE customer; ANALYZE "order"; ANALYZE order_summary; ANALYZE order_item; ANALYZE order_line_item`)
  const count = async (sql: string) => Number((await db.raw(sql)).rows[0].n)
  const result = {
    customers: await count(`SELECT count(*) AS n FROM customer WHERE deleted_at IS NULL`),
    orders: await count(`SELECT count(*) AS n FROM "order" WHERE deleted_at IS NULL AND is_draft_order = false`),
    products: await count(`SELECT count(*) AS n FROM product WHERE deleted_at IS NULL`),
  }
  fs.writeFileSync(out, JSON.stringify(result))
}
