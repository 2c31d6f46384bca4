/**
 * (d) Backfill of N customers and N orders (issue 4) with Mailchimp 50 ms away and 10 connections,
 * against the naive way (one call per object, one at a time) on a sample, in the same run.
 *
 * Data: N customers and N orders (one per customer, one line of a seeded variant) are made in
 * seconds by support/seed-backfill.ts (one of each through Medusa's modules, then cloned with SQL).
 * Latency: the wire in front of the stand-in (support/wire.ts) holds every call a client makes
 * (store and naive alike: POST /batches, polls, result archives, batch subscribe, single PUT/POST)
 * for BENCH_BACKFILL_LATENCY_MS and refuses more than 10 at once, as Mailchimp does. The operations
 * inside a /batches job are Mailchimp's own work and do not pay it: the stand-in runs them through its
 * app in-process, several batches at once and several operations of each at once (as Mailchimp's
 * batch workers do; `batchConcurrency`, `batchOperationConcurrency`), in the same process and on the
 * same cores as the store here.
 * The backfill is started through POST /admin/mailchimp/backfill (customers, products, orders) and
 * read through GET until it ends. The RSS sampled from /proc (every 500 ms) is the worker's: with
 * BENCH_WORKER_MODE=split the worker-mode process alone (as a production store runs it), in shared mode
 * the store's process tree (server and worker in one). V8 grows its heap lazily up to its limit
 * (about 4 GB on a 24 GB machine), so without BENCH_STORE_NODE_OPTIONS=--max-old-space-size=… the
 * peak RSS shows how much garbage V8 let pile up, not what the backfill keeps.
 *
 * Env: BENCH_BACKFILL_N (100000), BENCH_BACKFILL_NAIVE (2000), BENCH_BACKFILL_LATENCY_MS (50),
 * BENCH_BACKFILL_TIMEOUT_S (1800); BENCH_STORE_NODE_OPTIONS, BENCH_WORKER_MODE (context.ts); MALLOC_ARENA_MAX
 * reaches the stores through the environment.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { MailchimpClient } from "../../../src/mailchimp"
import { REPO_ROOT, runMedusa } from "../../support/medusa-process"
import { LOG_DIR } from "../support/context"
import { cpuMs } from "../support/cpu"
import { memoryKb } from "../support/memory"
import { defineScenario } from "../support/scenario"
import { round } from "../support/stats"

const CONNECTIONS = 10

export default defineScenario({
  name: "backfill",
  title: "(d) backfill of N customers + N orders at 50 ms per call, 10 connections, vs one call per object",
  async run(ctx) {
    const n = Number(process.env.BENCH_BACKFILL_N || 100_000)
    const naiveCount = Number(process.env.BENCH_BACKFILL_NAIVE || 2_000)
    const latency = Number(process.env.BENCH_BACKFILL_LATENCY_MS || 50)
    const timeoutS = Number(process.env.BENCH_BACKFILL_TIMEOUT_S || 1_800)
    const store = await ctx.store("plugin")
    const sandbox = await ctx.sandbox()

    // BENCH_BACKFILL_SIZES (e.g. 10000,100000,1000000): one backfill per size, in the same run, the tables grown to each
    // size in turn (the earlier sizes' objects stay and are sent again: each backfill sends everything).
    const sizes = (process.env.BENCH_BACKFILL_SIZES || String(n)).split(",").map((s) => Number(s.trim())).filter((s) => s > 0)
    if (sizes.some((s, i) => i > 0 && s <= sizes[i - 1])) throw new Error(`BENCH_BACKFILL_SIZES must grow: ${sizes.join(",")}`)
    let seededN = 0
    let seeded = { customers: 0, orders: 0, products: 0 }
    /** Grows the store to `size` customers and orders (the clones of each step get a tag of their own). */
    const seedUpTo = async (size: number, step: number) => {
      const more = size - seededN
      ctx.log(`backfill: seeding ${more} customers and ${more} orders (SQL clones) …`)
      const seedOut = path.join(os.tmpdir(), `medusa-mailchimp-bench-backfill-${process.pid}.json`)
      const seedStarted = performance.now()
      await runMedusa(["exec", path.join(REPO_ROOT, "test/bench/support/seed-backfill.ts")], {
        env: { ...(await ctx.execEnv("plugin")), BENCH_BACKFILL_N: String(more), BENCH_SEED_OUT: seedOut, BENCH_SEED_TAG: step ? `bf${step}` : "bf" },
        logFile: path.join(LOG_DIR, "seed-backfill.log"),
        label: "seed backfill",
      })
      seededN = size
      seeded = JSON.parse(fs.readFileSync(seedOut, "utf8"))
      fs.rmSync(seedOut, { force: true })
      return (performance.now() - seedStarted) / 1000
    }
    const seedS = await seedUpTo(sizes[0], 0)

    await sandbox.wire(latency, CONNECTIONS)
    try {
      // The naive way: one call per object, one at a time, to a store of its own at the stand-in.
      ctx.log(`backfill: naive sample, ${naiveCount} objects one call at a time …`)
      const client = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase, maxConnections: 1 })
      const naiveStore = `bench-naive-${Date.now().toString(36)}`
      await client.ecommerce.stores.create({ id: naiveStore, list_id: sandbox.audienceId, name: "Naive", currency_code: "USD" } as any)
      await client.ecommerce.products.create(naiveStore, {
        id: "p1",
        title: "Medusa T-Shirt",
        variants: [{ id: "v1", title: "S", price: 25 }],
      } as any)
      const naiveCustomers = Math.ceil(naiveCount / 2)
      const address = { address1: "1 Main Street", city: "Austin", province_code: "TX", postal_code: "78701", country_code: "US" }
      const naiveStarted = performance.now()
      for (let i = 0; i < naiveCount; i++) {
        const c = i % naiveCustomers
        const customer = { id: `naive-${c}`, email_address: `naive-${c}@example.com`, opt_in_status: false, first_name: "Bench", last_name: "Shopper", address }
        if (i < naiveCustomers) await client.ecommerce.customers.upsert(naiveStore, customer.id, customer as any)
        else
          await client.ecommerce.orders.create(naiveStore, {
            id: `naive-order-${i}`,
            customer: { id: customer.id },
            currency_code: "USD",
            order_total: 50,
            tax_total: 0,
            shipping_total: 0,
            processed_at_foreign: new Date().toISOString(),
            financial_status: "paid",
            lines: [{ id: `naive-line-${i}`, product_id: "p1", product_variant_id: "v1", quantity: 2, price: 25 }],
            billing_address: address,
          } as any)
      }
      const naiveS = (performance.now() - naiveStarted) / 1000
      const naiveRate = naiveCount / naiveS
      await client.close?.()

      // The backfill, through the admin route; the store's worker does the work.
      const token = await ctx.adminToken("plugin")
      const headers = { "content-type": "application/json", authorization: `Bearer ${token}` }
      // The process that does the backfill: the worker-mode process when split, else the store (shared mode).
      const worker = store.worker ?? store.process
      const storeCpu = () => cpuMs(store.process.pid) + (store.worker ? cpuMs(store.worker.pid) : 0)
      /** One backfill of everything the store holds, timed, with the worker's memory sampled. */
      const backfillOnce = async () => {
        const idle = memoryKb(worker.pid)
        let peakRss = idle.rss
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryKb(worker.pid).rss)), 500)
        const cpu0 = storeCpu()
        const workerCpu0 = store.worker ? cpuMs(store.worker.pid) : null
        ctx.log(`backfill: starting (worker RSS ${Math.round(idle.rss / 1024)} MB) …`)
        const started = performance.now()
        const res = await fetch(`${store.url}/admin/mailchimp/backfill`, {
          method: "POST",
          headers,
          body: JSON.stringify({ objects: ["customers", "products", "orders"] }),
        })
        const startBody: any = await res.json()
        if (res.status !== 202) throw new Error(`POST /admin/mailchimp/backfill → ${res.status} ${JSON.stringify(startBody).slice(0, 300)}`)
        const runId = startBody.backfill?.id ?? startBody.backfill?.run_id
        let report: any = startBody.backfill
        let lastLog = 0
        for (;;) {
          await new Promise((r) => setTimeout(r, 2_000))
          const got = await fetch(`${store.url}/admin/mailchimp/backfill${runId ? `?id=${runId}` : ""}`, { headers })
          report = ((await got.json()) as any).backfill
          const p = report?.progress ?? {}
          if (performance.now() - lastLog > 30_000) {
            lastLog = performance.now()
            ctx.log(`backfill: ${report?.status} ${p.done}/${p.total} done, ${p.failed} failed, ${p.rate_per_second}/s, RSS ${Math.round(peakRss / 1024)} MB peak`)
          }
          if (report && report.status !== "running") break
          if ((performance.now() - started) / 1000 > timeoutS) break
        }
        const totalS = (performance.now() - started) / 1000
        clearInterval(sampler)
        const end = memoryKb(worker.pid)
        peakRss = Math.max(peakRss, end.rss)
        const cpuS = (storeCpu() - cpu0) / 1000
        const workerCpuS = workerCpu0 === null ? null : (cpuMs(store.worker!.pid) - workerCpu0) / 1000
        const p = report?.progress ?? {}
        const finished = report?.status === "finished" || report?.status === "completed"
        const objects = Number(p.done ?? 0)
        return { report, p, finished, objects, rate: objects / totalS, totalS, idle, end, peakRss, cpuS, workerCpuS }
      }
      const growth = [{ size: sizes[0], seeded, seedS, ...(await backfillOnce()) }]
      // The further sizes: the tables grown, then everything backfilled again.
      for (let i = 1; i < sizes.length; i++) {
        const stepSeedS = await seedUpTo(sizes[i], i)
        growth.push({ size: sizes[i], seeded, seedS: stepSeedS, ...(await backfillOnce()) })
      }
      // The headline figures are the largest size's (the only one without BENCH_BACKFILL_SIZES).
      const { report, p, finished, objects, rate, totalS, end, cpuS, workerCpuS, idle, peakRss } = growth.at(-1)!
      const counters = await sandbox.counters()

      // The bound: 10 connections × (1000 / latency) calls per second, times the objects one call can carry.
      const callsPerS = (CONNECTIONS * 1000) / latency
      const oneByOneBound = callsPerS
      const batchSize = Number(process.env.MAILCHIMP_BACKFILL_BATCH_SIZE || 1_000)
      const batchBound = callsPerS * batchSize
      const ratio = rate / naiveRate
      const peakMb = peakRss / 1024
      const wanted = seeded.customers + seeded.orders
      const countCheck = report?.count_check
      const met = finished && Number(p.failed ?? 0) === 0 && !!countCheck?.ok && totalS < 600 && peakMb < 300 && ratio >= 100
      const growthRows = growth.map((g) => ({
        measure: `size ${g.size}: ${g.seeded.customers} customers + ${g.seeded.orders} orders`,
        objects: g.objects,
        failed: Number(g.p.failed ?? 0),
        "time s": round(g.totalS, 1),
        "objects/s": round(g.rate, 1),
        "CPU ms/object": g.objects ? round((g.cpuS * 1000) / g.objects, 3) : null,
        "RSS growth MB": round((g.peakRss - g.idle.rss) / 1024, 0),
        "count check": g.report?.count_check ? (g.report.count_check.ok ? "equal" : "differs") : "none",
      }))
      return {
        rows: growth.length > 1 ? growthRows : [
          {
            measure: `backfill (${seeded.customers} customers + ${seeded.orders} orders + ${seeded.products} products)`,
            objects,
            failed: Number(p.failed ?? 0),
            "time s": round(totalS, 1),
            "objects/s": round(rate, 1),
            "× naive": round(ratio, 1),
            "share of 1-per-call bound": round(rate / oneByOneBound, 2),
            "peak RSS MB": round(peakMb, 0),
          },
          {
            measure: `naive: one call per object, one at a time (${naiveCount})`,
            objects: naiveCount,
            failed: 0,
            "time s": round(naiveS, 1),
            "objects/s": round(naiveRate, 1),
            "× naive": 1,
            "share of 1-per-call bound": round(naiveRate / oneByOneBound, 3),
            "peak RSS MB": null,
          },
        ],
        figures: {
          n: sizes.at(-1)!,
          // With several sizes: the largest size's rate over the smallest's (1 = no loss as the tables grow).
          rate_largest_over_smallest: growth.length > 1 ? round(rate / growth[0].rate, 3) : null,
          customers: seeded.customers,
          orders: seeded.orders,
          objects_done: objects,
          objects_failed: Number(p.failed ?? 0),
          objects_skipped: Number(p.skipped ?? 0),
          status: report?.status ?? "unknown",
          total_s: round(totalS, 1),
          objects_per_s: round(rate, 1),
          naive_objects_per_s: round(naiveRate, 2),
          ratio_to_naive: round(ratio, 1),
          bound_one_per_call_per_s: oneByOneBound,
          share_of_one_per_call_bound: round(rate / oneByOneBound, 2),
          bound_batched_per_s: batchBound,
          share_of_batched_bound: round(rate / batchBound, 4),
          peak_rss_mb: round(peakMb, 0),
          idle_rss_mb: round(idle.rss / 1024, 0),
          rss_growth_mb: round(peakMb - idle.rss / 1024, 0),
          vmhwm_mb: round(end.hwm / 1024, 0),
          store_cpu_s: round(cpuS, 1),
          worker_cpu_s: workerCpuS === null ? null : round(workerCpuS, 1),
          worker_mode: store.worker ? "split" : "shared",
          count_check_ok: countCheck ? !!countCheck.ok : null,
          seed_s: round(growth.at(-1)!.seedS, 1),
          latency_ms: latency,
          connections: CONNECTIONS,
        },
        goal: `${wanted} objects backfilled well under 600 s, 0 failed, count check equal, peak RSS < 300 MB, ≥ 100× the naive rate`,
        met,
        notes: [
          `N = ${sizes.at(-1)}: ${seeded.customers} customers and ${seeded.orders} orders in the store (seeded in ${round(growth.at(-1)!.seedS, 1)} s), ${seeded.products} products; backfill ${report?.status ?? "?"} after ${round(totalS, 1)} s, ${objects} done (products included), ${p.failed ?? "?"} failed, ${p.skipped ?? "?"} skipped; count check: ${countCheck?.message ?? "none"}`,
          `the bound: 10 connections × (1000 / ${latency} ms) = ${callsPerS} calls/s. One object per call (the naive way with 10 connections) caps at ${oneByOneBound} objects/s; the backfill ran at ${round(rate / oneByOneBound, 2)}× that. A /batches call carries up to ${batchSize} operations, so what 10 connections could send is ${batchBound} objects/s (share ${round((rate / batchBound) * 100, 2)} %): sending is not the limit; Mailchimp's (here the stand-in's) work on the batches is.`,
          `naive: ${naiveCount} objects (${naiveCustomers} PUT customer, ${naiveCount - naiveCustomers} POST order) one call at a time through the same wire: ${round(naiveS, 1)} s, ${round(naiveRate, 2)}/s (the bound for one connection: ${1000 / latency}/s)`,
          `peak RSS of the ${store.worker ? "worker-mode process (BENCH_WORKER_MODE=split: the server process answers the admin routes, the worker runs the backfill)" : "store process tree (store + worker, shared mode)"} ${round(peakMb, 0)} MB, ${round(idle.rss / 1024, 0)} MB before the backfill (growth ${round(peakMb - idle.rss / 1024, 0)} MB; an idle Medusa process alone is most of the baseline) (VmHWM since boot: ${round(end.hwm / 1024, 0)} MB); store CPU ${round(cpuS, 1)} s over the run${workerCpuS === null ? "" : `, of which the worker ${round(workerCpuS, 1)} s`}; MALLOC_ARENA_MAX ${process.env.MALLOC_ARENA_MAX || "(glibc's default)"}`,
          `latency is held on the wire in front of the stand-in (every client call), not inside batches (see the file's header); the stand-in runs several batches at once and several operations of each at once (${counters.batches} batches); store node options: ${process.env.BENCH_STORE_NODE_OPTIONS || "(none: V8's default heap limit)"}`,
        ],
        details: { report, seeded: growth[0].seeded, growth: growth.length > 1 ? growthRows : undefined },
      }
    } finally {
      await sandbox.wire(0, 0)
    }
  },
})
