/**
 * (f) Abandoned carts: 1,000 carts each changed 10 times within 5 s (inside the 10 s coalescing window,
 * `cartSyncWindowMs`) cost at most 1.1 Mailchimp writes per cart, line writes included (docs/carts.md).
 *
 * The carts are made in bulk beforehand (create-carts.ts, through the cart module: no events). Each change is what
 * the plugin's cart subscriber does for one cart event, `mailchimp-request-cart-sync` run in the store through
 * Medusa's admin workflow-run route: 10 rounds, every 500 ms, each for every cart (one run per 100 carts).
 * Between rounds the line's quantity changes in Postgres (one statement), so the job has a newer cart to read.
 * Writes are counted at the stand-in: every request other than GET under /carts, and the product writes apart.
 *
 * Env: BENCH_CARTS (1000), BENCH_CART_CHANGES (10).
 */
import path from "path"
import os from "os"
import fs from "fs"
import { Client } from "pg"
import { REPO_ROOT, runMedusa } from "../../support/medusa-process"
import { LOG_DIR } from "../support/context"
import { defineScenario } from "../support/scenario"
import { round } from "../support/stats"

export default defineScenario({
  name: "cart-writes",
  title: "(f) carts: 1,000 carts × 10 changes within 5 s → Mailchimp writes per cart",
  async run(ctx) {
    const count = Number(process.env.BENCH_CARTS || 1000)
    const changes = Number(process.env.BENCH_CART_CHANGES || 10)
    const store = await ctx.store("plugin")
    const sandbox = await ctx.sandbox()
    const token = await ctx.adminToken("plugin")

    ctx.log(`cart-writes: creating ${count} carts in bulk (medusa exec) …`)
    const out = path.join(os.tmpdir(), `medusa-mailchimp-bench-carts-${process.pid}.json`)
    await runMedusa(["exec", path.join(REPO_ROOT, "test/bench/support/create-carts.ts")], {
      env: {
        ...(await ctx.execEnv("plugin")),
        BENCH_CARTS_COUNT: String(count),
        BENCH_CARTS_OUT: out,
        BENCH_REGION_ID: store.seed.regionId,
        BENCH_PRODUCT_ID: store.seed.productIds[0],
        BENCH_VARIANT_ID: store.seed.variantIds[0],
      },
      logFile: path.join(LOG_DIR, "create-carts.log"),
      label: "create carts",
    })
    const ids = (JSON.parse(fs.readFileSync(out, "utf8")) as { id: string }[]).map((c) => c.id)
    fs.rmSync(out, { force: true })

    const db = new Client({ connectionString: store.databaseUrl })
    await db.connect()
    const change = (cartIds: string[]) =>
      fetch(`${store.url}/admin/workflows-executions/mailchimp-request-cart-sync/run`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ input: { cart_ids: cartIds } }),
      }).then(async (res) => {
        if (res.status >= 300) throw new Error(`mailchimp-request-cart-sync → ${res.status} ${(await res.text()).slice(0, 300)}`)
      })
    const chunks: string[][] = []
    for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100))

    await sandbox.control.clearRequests()
    ctx.log(`cart-writes: ${changes} changes to each of ${count} carts, one round every 500 ms …`)
    const t0 = performance.now()
    for (let r = 0; r < changes; r++) {
      const due = t0 + r * 500
      await new Promise((res) => setTimeout(res, Math.max(0, due - performance.now())))
      if (r > 0) await db.query(`UPDATE cart_line_item SET quantity = $1 WHERE cart_id = ANY($2)`, [r + 1, ids])
      await Promise.all(chunks.map(change))
    }
    const burstMs = performance.now() - t0
    ctx.log(`cart-writes: changes sent in ${round(burstMs / 1000, 2)} s; waiting for the carts in the stand-in …`)
    const deadline = Date.now() + 120_000
    let held = 0
    while (Date.now() < deadline) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM mailchimp_commerce_sync WHERE object_type = 'cart' AND object_id = ANY($1) AND status = 'synced'`,
        [ids]
      )
      held = rows[0].n
      if (held >= ids.length) break
      await new Promise((res) => setTimeout(res, 500))
    }
    await db.end()
    const log = (await sandbox.control.requests()) as { method: string; path: string; status: number }[]
    const cartWrites = log.filter((r) => r.method !== "GET" && /\/carts(\/|$)/.test(r.path))
    const lineWrites = cartWrites.filter((r) => r.path.includes("/lines"))
    const productWrites = log.filter((r) => r.method !== "GET" && /\/products(\/|$)/.test(r.path)).length
    const perCart = cartWrites.length / ids.length
    const figures = {
      carts: ids.length,
      changes_per_cart: changes,
      burst_s: round(burstMs / 1000, 2),
      carts_synced: held,
      cart_writes: cartWrites.length,
      line_writes: lineWrites.length,
      product_writes: productWrites,
      writes_per_cart: round(perCart, 3),
      refused: cartWrites.filter((r) => r.status >= 400).length,
    }
    return {
      rows: [{ carts: ids.length, "changes each": changes, "burst s": figures.burst_s, synced: held, "cart writes": cartWrites.length, "line writes": lineWrites.length, "writes per cart": figures.writes_per_cart }],
      figures,
      goal: "≤ 1.1 Mailchimp writes per cart (line writes included), every cart sent",
      met: perCart <= 1.1 && held === ids.length && burstMs < 10_000,
      notes: [`product writes (the seeded product, once): ${productWrites}`, `every change is inside the window only if the burst lasts < 10 s: ${round(burstMs / 1000, 2)} s`],
      details: figures,
    }
  },
})
