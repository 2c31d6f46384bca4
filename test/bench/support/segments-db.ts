/**
 * `medusa exec test/bench/support/segments-db.ts` for the segments scenario, two steps
 * (BENCH_SEGMENTS_STEP):
 *
 * - `seed`: BENCH_SEGMENTS_CUSTOMERS customers (C) and BENCH_SEGMENTS_ORDERS purchase rows (O) made
 *   with generate_series straight into the tables a segment query reads: `customer` (id, email),
 *   `mailchimp_purchase_order` (order i of customer c: the first C orders one per customer, the
 *   others spread by a hash; placed 0–729 days ago; one of 40 products, its variant, category and
 *   collection; 2 % of the spread ones canceled), `mailchimp_purchase_profile` (computed from those
 *   rows by the commerce module's own REFRESH_ALL_PROFILES statement, so it holds what the module
 *   itself would), the purchase rows' items (`mailchimp_purchase_item`, the module's own statement), `mailchimp_member` (everyone subscribed in the audience, synced) and
 *   `mailchimp_consent` (one synced opt-in each). The orders of customers c ≤ H
 *   (BENCH_SEGMENTS_SYNC_N) also carry the product `prod_seg_half`, so "bought prod_seg_half"
 *   selects exactly H members (every customer has at least one placed order). Emails: seg-<c>@example.com.
 * - `measure`: the segments service's `preview` timed BENCH_SEGMENTS_RUNS times per definition
 *   (after one warm-up), EXPLAIN (ANALYZE, BUFFERS) of the query `preview` runs, and each definition
 *   stored as a segment and evaluated twice (`reevaluation`: first, then unchanged).
 * A seed first empties the tables it writes (a run over several sizes re-uses the database), and
 * builds each table's secondary indexes after its load.
 *
 * Input definitions and output go through files: BENCH_SEGMENTS_DEFS (json {name: definition}),
 * BENCH_SEED_OUT (json result).
 */
import fs from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { REFRESH_ALL_PROFILES } from "../../../src/modules/mailchimp-commerce/sql/purchase"
import { FILL_PURCHASE_ITEMS } from "../../../src/modules/mailchimp-commerce/sql/purchase-items"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../src/modules/mailchimp-segments"
import type MailchimpSegmentsService from "../../../src/modules/mailchimp-segments/service"
import { compileSegmentQuery } from "../../../src/modules/mailchimp-segments/sql/compile"
import { previewStatement } from "../../../src/modules/mailchimp-segments/sql/statements"

type Knex = { raw(sql: string, bindings?: unknown[]): Promise<{ rows: any[] }> }

const PRODUCTS = 40

export default async function segmentsDb({ container }: ExecArgs): Promise<void> {
  const out = process.env.BENCH_SEED_OUT
  if (!out) throw new Error("BENCH_SEED_OUT is not set")
  const audienceId = process.env.MAILCHIMP_AUDIENCE_ID
  if (!audienceId) throw new Error("MAILCHIMP_AUDIENCE_ID is not set")
  const db = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex
  const step = process.env.BENCH_SEGMENTS_STEP || "seed"
  const result = step === "seed" ? await seed(db, audienceId) : await measure(container, db, audienceId)
  fs.writeFileSync(out, JSON.stringify(result))
}

async function seed(db: Knex, audienceId: string) {
  const C = Number(process.env.BENCH_SEGMENTS_CUSTOMERS || 200_000)
  const O = Number(process.env.BENCH_SEGMENTS_ORDERS || 1_000_000)
  const H = Number(process.env.BENCH_SEGMENTS_SYNC_N || 100_000)
  if (O < C || H > C) throw new Error("needs orders ≥ customers ≥ sync members")
  const timings: Record<string, number> = {}
  // BENCH_SEGMENTS_KEEP_SEED=1 (with BENCH_REUSE_DB=1): the rows a previous run seeded at this size are measured again.
  if (process.env.BENCH_SEGMENTS_KEEP_SEED === "1") return counts(db, audienceId, timings)
  const timed = async (label: string, sql: string, bindings: unknown[] = []) => {
    const t = performance.now()
    await db.raw(sql, bindings)
    timings[label] = Math.round(performance.now() - t)
  }
  // A run over several sizes seeds each into the same database: the previous size's rows go first.
  await timed(
    "reset",
    `TRUNCATE mailchimp_purchase_order, mailchimp_purchase_item, mailchimp_purchase_profile, mailchimp_member, mailchimp_consent, mailchimp_segment_member;
     DELETE FROM customer WHERE id LIKE 'cus_seg%'`
  )
  const pad = (x: string) => `lpad(${x}::text, 8, '0')`
  const email = (x: string) => `('seg-' || ${x} || '@example.com')`

  // Each table's secondary indexes are built after its load (one sort each instead of 10M inserts into
  // every B-tree and GIN index); the profiles' stay, the statement that writes them needs its unique index.
  const loaded = ["customer", "mailchimp_purchase_order", "mailchimp_purchase_item", "mailchimp_member", "mailchimp_consent"]
  const indexes = (
    await db.raw(
      `SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY(?::text[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [loaded]
    )
  ).rows as { tablename: string; indexname: string; indexdef: string }[]
  // The definitions are kept in a table of the bench's own before they are dropped: a run stopped between the drop
  // and the rebuild (a timeout, Ctrl-C) would otherwise leave a reused database without them for good, and every
  // later figure would be measured without its indexes.
  await db.raw(`CREATE TABLE IF NOT EXISTS bench_dropped_index (indexname text PRIMARY KEY, tablename text NOT NULL, indexdef text NOT NULL)`)
  if (indexes.length) {
    await db.raw(
      `INSERT INTO bench_dropped_index (indexname, tablename, indexdef)
       SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) ON CONFLICT (indexname) DO NOTHING`,
      [indexes.map((i) => i.indexname), indexes.map((i) => i.tablename), indexes.map((i) => i.indexdef)]
    )
  }
  const saved = (await db.raw(`SELECT indexname, tablename, indexdef FROM bench_dropped_index`)).rows as typeof indexes
  await timed("drop indexes", saved.map((i) => `DROP INDEX IF EXISTS "${i.indexname}";`).join("\n") || "SELECT 1")
  const rebuild = async (table: string) => {
    const mine = saved.filter((i) => i.tablename === table)
    await timed(`indexes ${table}`, mine.map((i) => `${i.indexdef};`).join("\n") || "SELECT 1")
    await db.raw(`DELETE FROM bench_dropped_index WHERE tablename = ?`, [table])
  }
  await timed(
    "customer",
    `INSERT INTO customer (id, email, first_name, last_name, has_account, created_at, updated_at)
     SELECT 'cus_seg' || ${pad("g")}, ${email("g")}, 'Bench', 'Shopper', (g % 3 = 0), now() - (g % 1000) * interval '1 day', now()
     FROM generate_series(1, ?) g`,
    [C]
  )
  // Order i: customer c (the first C orders one each, the rest spread by a hash), product k.
  await timed(
    "mailchimp_purchase_order",
    `INSERT INTO mailchimp_purchase_order (id, order_id, email, customer_id, currency_code, status, total, raw_total,
       refunded_total, raw_refunded_total, net_total, raw_net_total, placed_at, canceled_at,
       product_ids, variant_ids, category_ids, collection_ids, campaign_id, created_at, updated_at)
     SELECT 'mcpo_seg' || ${pad("i")}, 'order_seg' || ${pad("i")}, ${email("c")}, 'cus_seg' || ${pad("c")}, 'usd',
       CASE WHEN canceled THEN 'canceled' ELSE 'placed' END,
       amount, jsonb_build_object('value', amount::text, 'precision', 20),
       0, jsonb_build_object('value', '0', 'precision', 20),
       amount, jsonb_build_object('value', amount::text, 'precision', 20),
       placed_at, CASE WHEN canceled THEN placed_at + interval '1 hour' END,
       CASE WHEN c <= ? THEN ARRAY['prod_seg_' || k, 'prod_seg_half'] ELSE ARRAY['prod_seg_' || k] END,
       ARRAY['variant_seg_' || k], ARRAY['pcat_seg_' || (k % 8)], ARRAY['pcol_seg_' || (k % 5)], NULL, now(), now()
     FROM (
       SELECT i,
         CASE WHEN i <= ? THEN i ELSE 1 + abs(hashint4(i) % ?) END AS c,
         abs(hashint4(i * 3 + 1) % ${PRODUCTS}) AS k,
         now() - abs(hashint4(i * 7 + 2) % (730 * 24)) * interval '1 hour' AS placed_at,
         (10 + abs(hashint4(i * 11 + 3) % 190))::numeric AS amount,
         (i > ? AND abs(hashint4(i * 13 + 5) % 50) = 0) AS canceled
       FROM generate_series(1, ?) i
     ) s`,
    [H, C, C, C, O]
  )
  await rebuild("customer")
  await rebuild("mailchimp_purchase_order")
  // Their items (what the commerce module writes with each purchase row), from the rows just loaded.
  await timed("mailchimp_purchase_item", FILL_PURCHASE_ITEMS)
  await rebuild("mailchimp_purchase_item")
  await timed("analyze orders", `ANALYZE mailchimp_purchase_order`)
  // The profiles, by the commerce module's own statement (what a rebuild writes).
  await timed("mailchimp_purchase_profile", REFRESH_ALL_PROFILES, ["usd", "usd"])
  await timed(
    "mailchimp_member",
    `INSERT INTO mailchimp_member (id, audience_id, email, customer_id, status, status_at, status_source, created_at, updated_at)
     SELECT 'mcmem_seg' || ${pad("g")}, ?, ${email("g")}, 'cus_seg' || ${pad("g")}, 'subscribed', now() - interval '400 days', 'checkout', now(), now()
     FROM generate_series(1, ?) g`,
    [audienceId, C]
  )
  await timed(
    "mailchimp_consent",
    `INSERT INTO mailchimp_consent (id, email, customer_id, audience_id, action, source, evidence, requested_status,
       mailchimp_status, sync_status, synced_at, created_at, updated_at)
     SELECT 'mccons_seg' || ${pad("g")}, ${email("g")}, 'cus_seg' || ${pad("g")}, ?, 'opt_in', 'checkout',
       jsonb_build_object('text', 'Email me news and offers', 'bench', true), 'subscribed', 'subscribed', 'synced',
       now() - interval '400 days', now() - interval '400 days', now() - interval '400 days'
     FROM generate_series(1, ?) g`,
    [audienceId, C]
  )
  await rebuild("mailchimp_member")
  await rebuild("mailchimp_consent")
  // Vacuumed and analyzed, as autovacuum leaves a store's tables after a burst of inserts (Postgres 13+ vacuums
  // insert-only tables too): fresh statistics, and visibility maps that let a scan read an index alone. One
  // statement each (VACUUM refuses a multi-statement string).
  const t = performance.now()
  for (const table of ["customer", "mailchimp_purchase_order", "mailchimp_purchase_item", "mailchimp_purchase_profile", "mailchimp_member", "mailchimp_consent"]) {
    await db.raw(`VACUUM (ANALYZE) ${table}`)
  }
  timings["vacuum analyze"] = Math.round(performance.now() - t)
  return counts(db, audienceId, timings)
}

async function counts(db: Knex, audienceId: string, timings: Record<string, number>) {
  const count = async (sql: string, bindings: unknown[] = []) => Number((await db.raw(sql, bindings)).rows[0].n)
  return {
    customers: await count(`SELECT count(*) AS n FROM customer WHERE email LIKE 'seg-%' AND deleted_at IS NULL`),
    orders: await count(`SELECT count(*) AS n FROM mailchimp_purchase_order WHERE deleted_at IS NULL`),
    profiles: await count(`SELECT count(*) AS n FROM mailchimp_purchase_profile WHERE deleted_at IS NULL`),
    members: await count(`SELECT count(*) AS n FROM mailchimp_member WHERE audience_id = ? AND status = 'subscribed' AND deleted_at IS NULL`, [audienceId]),
    consents: await count(`SELECT count(*) AS n FROM mailchimp_consent WHERE deleted_at IS NULL`),
    half: await count(`SELECT count(*) AS n FROM mailchimp_purchase_profile WHERE product_ids @> ARRAY['prod_seg_half'] AND deleted_at IS NULL`),
    timings_ms: timings,
  }
}

async function measure(container: ExecArgs["container"], db: Knex, audienceId: string) {
  const runs = Number(process.env.BENCH_SEGMENTS_RUNS || 7)
  const defs = JSON.parse(fs.readFileSync(process.env.BENCH_SEGMENTS_DEFS!, "utf8")) as Record<string, any>
  const service = container.resolve<MailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const out: Record<string, { count: number; ms: number[]; explain: string[]; execution_ms: number | null; planning_ms: number | null }> = {}
  for (const [name, def] of Object.entries(defs)) {
    let count = (await service.preview(def, audienceId, 10)).count // warm-up
    const ms: number[] = []
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      count = (await service.preview(def, audienceId, 10)).count
      ms.push(performance.now() - t)
    }
    // The statement `preview` runs (service.ts), explained.
    const q = compileSegmentQuery(def, { audienceId })
    const sql = previewStatement(q.sql)
    const [flatSql, flat] = expandArrays(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [...q.bindings, 10])
    const plan = await db.raw(flatSql, flat)
    const explain = plan.rows.map((r: any) => r["QUERY PLAN"] as string)
    const find = (label: string) => {
      const line = explain.find((l) => l.startsWith(label))
      return line ? Number(/([\d.]+) ms/.exec(line)?.[1]) : null
    }
    out[name] = { count, ms, explain, execution_ms: find("Execution Time"), planning_ms: find("Planning Time") }
  }
  return { ...out, reevaluation: await reevaluate(service, defs, audienceId) }
}

/**
 * What the 15-minute job's evaluation costs (`evaluateSegment`, the segments.sync processor's first
 * step) for each definition stored as a segment: the first evaluation (every member enters) and the
 * next one (nothing changed: the steady state every 15 minutes). The segments are purged after.
 */
async function reevaluate(service: MailchimpSegmentsService, defs: Record<string, any>, audienceId: string) {
  const out: Record<string, { first_ms: number; again_ms: number; matched: number }> = {}
  for (const [name, def] of Object.entries(defs)) {
    const [segment] = await service.createSegments([{ name: `Bench re-evaluation ${name} ${Date.now().toString(36)}`, match: def.match, conditions: def.conditions }])
    try {
      let t = performance.now()
      const first = await service.evaluateSegment(segment.id, audienceId)
      const firstMs = performance.now() - t
      t = performance.now()
      await service.evaluateSegment(segment.id, audienceId)
      out[name] = { first_ms: Math.round(firstMs), again_ms: Math.round(performance.now() - t), matched: first.matched }
    } finally {
      await service.purgeSegment(segment.id)
    }
  }
  return out
}

/**
 * The service's manager (MikroORM) expands an array bound to `?` into a list; knex's raw hands it to
 * the driver as one Postgres array. The same statement for knex: each such `?` made `?, ?, …`.
 */
function expandArrays(sql: string, bindings: unknown[]): [string, unknown[]] {
  const flat: unknown[] = []
  let i = 0
  const text = sql.replace(/\?/g, () => {
    const b = bindings[i++]
    if (!Array.isArray(b)) {
      flat.push(b)
      return "?"
    }
    flat.push(...b)
    return b.map(() => "?").join(", ")
  })
  if (i !== bindings.length) throw new Error(`expandArrays: ${i} placeholders for ${bindings.length} bindings`)
  return [text, flat]
}
