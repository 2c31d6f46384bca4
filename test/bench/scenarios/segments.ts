/**
 * (e) Segments (issue 5): (1) evaluating a three-condition segment over C customers and O orders,
 * and (2) the full sync of an H-member segment to the stand-in.
 *
 * Data: support/segments-db.ts (a `medusa exec`) writes C customers, their purchase profiles,
 * subscribed members and opt-in consents, and O purchase rows, with generate_series straight into
 * the tables the compiled segment query reads (the profiles computed by the commerce module's own
 * statement). Customers c ≤ H bought `prod_seg_half`, the segment synced in (2).
 *
 * (1) "orders_count ≥ 2 AND last order within 90 days AND bought prod_seg_7" (the product on the
 * purchase profile), and the same with "bought prod_seg_7 within the last 365 days" (read from the
 * purchase rows instead): POST /admin/mailchimp/segments/preview (count + 10 rows) timed
 * BENCH_SEGMENTS_RUNS times after a warm-up, and the service's `preview` timed the same way inside a
 * `medusa exec`, with EXPLAIN (ANALYZE, BUFFERS) of the statement it runs. Goal: p50 under 1 s.
 *
 * (2) The H addresses are made audience members of the stand-in first (batch subscribe, 500 a call,
 * straight to the stand-in); then the wire in front of it gets BENCH_SEGMENTS_LATENCY_MS per client
 * call and 10 connections, and POST /admin/mailchimp/segments creates "bought prod_seg_half" (stored,
 * evaluated, its sync queued; the worker evaluates it again and sends the difference). Measured: from
 * the POST until the stand-in's static segment holds all H; the calls the stand-in received
 * (POST …/segments/{id}, from its request log), the members per call; objects/s.
 *
 * (3) The 15-minute job's evaluation of each definition stored as a segment (`evaluateSegment`, in
 * the `medusa exec`): the first (everyone enters) and the next, unchanged one.
 *
 * Sizes: BENCH_SEGMENTS_SIZES=C:O[:H],C:O[:H],… runs (1)–(3) at each size in one run (the same
 * database, re-seeded; the stand-in keeps the members it was given) and adds a growth table: preview
 * p50, re-evaluation, sync time and rate, and the worker's memory growth during the sync (RSS
 * sampled from /proc every 500 ms, peak minus the RSS before the POST). Without it, one size from
 * BENCH_SEGMENTS_CUSTOMERS / _ORDERS / _SYNC_N.
 *
 * Env: BENCH_SEGMENTS_CUSTOMERS (200000), BENCH_SEGMENTS_ORDERS (1000000), BENCH_SEGMENTS_SYNC_N
 * (100000; with sizes, the H of a size that names none, at most C), BENCH_SEGMENTS_SIZES,
 * BENCH_SEGMENTS_RUNS (7), BENCH_SEGMENTS_LATENCY_MS (50), BENCH_SEGMENTS_TIMEOUT_S (900).
 */
import fs from "fs"
import os from "os"
import path from "path"
import { REPO_ROOT, runMedusa } from "../../support/medusa-process"
import { type BenchContext, LOG_DIR } from "../support/context"
import { memoryKb } from "../support/memory"
import { defineScenario } from "../support/scenario"
import { percentile, round, summarize } from "../support/stats"

const CONNECTIONS = 10
const GOAL_MS = 1_000

export default defineScenario({
  name: "segments",
  title: "(e) a three-condition segment over C customers / O orders (goal < 1 s), and the full sync of an H-member segment",
  async run(ctx) {
    const syncN = Number(process.env.BENCH_SEGMENTS_SYNC_N || 100_000)
    const sizes = (process.env.BENCH_SEGMENTS_SIZES || `${process.env.BENCH_SEGMENTS_CUSTOMERS || 200_000}:${process.env.BENCH_SEGMENTS_ORDERS || 1_000_000}`)
      .split(",")
      .map((x) => x.trim().split(":").map(Number))
      .map(([C, O, H]) => ({ C, O, H: H || Math.min(syncN, C) }))
    if (sizes.some((z) => !(z.C > 0 && z.O >= z.C && z.H <= z.C))) throw new Error(`BENCH_SEGMENTS_SIZES: C:O[:H] with O ≥ C ≥ H, got ${process.env.BENCH_SEGMENTS_SIZES}`)
    const results: Awaited<ReturnType<typeof runSize>>[] = []
    for (const size of sizes) results.push(await runSize(ctx, size))
    const last = results[results.length - 1]
    if (results.length === 1) return last
    const growth = results.map((r) => ({
      customers: r.figures.customers,
      "purchase rows": r.figures.orders,
      "preview p50 ms (profile)": r.figures.route_profile_p50_ms,
      "preview p50 ms (orders)": r.figures.route_orders_p50_ms,
      "re-evaluation s": r.figures.reevaluation_s,
      "sync members": r.figures.sync_members,
      "sync s": r.figures.sync_total_s,
      "sync objects/s": r.figures.sync_objects_per_s,
      "worker RSS growth MB": r.figures.sync_rss_growth_mb,
    }))
    return {
      rows: [...growth, ...results.flatMap((r) => r.rows.map((row: Record<string, unknown>) => ({ customers: r.figures.customers, ...row })))],
      figures: last.figures,
      goal: last.goal,
      met: results.every((r) => r.met),
      notes: results.flatMap((r) => r.notes.map((n: string) => `[${r.figures.customers}/${r.figures.orders}] ${n}`)),
      details: { sizes: results.map((r) => ({ figures: r.figures, ...r.details })) },
    }
  },
})

/** (1)–(3) at one size: C customers, O purchase rows, an H-member segment synced. */
async function runSize(ctx: BenchContext, { C, O, H }: { C: number; O: number; H: number }) {
  const runs = Number(process.env.BENCH_SEGMENTS_RUNS || 7)
  const latency = Number(process.env.BENCH_SEGMENTS_LATENCY_MS ?? 50)
  const timeoutS = Number(process.env.BENCH_SEGMENTS_TIMEOUT_S || 900)
  const store = await ctx.store("plugin")
  const sandbox = await ctx.sandbox()
  const execEnv = await ctx.execEnv("plugin")
  const tmp = (what: string) => path.join(os.tmpdir(), `medusa-mailchimp-bench-segments-${what}-${process.pid}.json`)
  const exec = async (step: string, extra: Record<string, string> = {}) => {
    const outFile = tmp(step)
    await runMedusa(["exec", path.join(REPO_ROOT, "test/bench/support/segments-db.ts")], {
      env: {
        ...execEnv,
        BENCH_SEGMENTS_STEP: step,
        BENCH_SEGMENTS_CUSTOMERS: String(C),
        BENCH_SEGMENTS_ORDERS: String(O),
        BENCH_SEGMENTS_SYNC_N: String(H),
        BENCH_SEGMENTS_RUNS: String(runs),
        BENCH_SEED_OUT: outFile,
        ...extra,
      },
      logFile: path.join(LOG_DIR, `segments-${step}.log`),
      label: `segments ${step}`,
      // Seeding 10M rows takes minutes (more on a busy machine).
      timeoutMs: 3_600_000,
    })
    const out = JSON.parse(fs.readFileSync(outFile, "utf8"))
    fs.rmSync(outFile, { force: true })
    return out
  }

  ctx.log(`segments: seeding ${C} customers/profiles/members/consents and ${O} purchase rows (generate_series) …`)
  const seedStarted = performance.now()
  const seeded = await exec("seed")
  const seedS = (performance.now() - seedStarted) / 1000
  ctx.log(`segments: seeded in ${round(seedS, 1)} s: ${JSON.stringify(seeded)}`)
  if (seeded.half !== H || seeded.members !== C) throw new Error(`seed: expected ${H} half and ${C} members, got ${JSON.stringify(seeded)}`)

  // (1) Evaluation.
  const defs = {
    profile: {
      match: "all",
      conditions: [
        { type: "orders_count", op: "gte", value: 2 },
        { type: "last_order_date", op: "within_days", days: 90 },
        { type: "bought", item: "product", ids: ["prod_seg_7"] },
      ],
    },
    orders: {
      match: "all",
      conditions: [
        { type: "orders_count", op: "gte", value: 2 },
        { type: "last_order_date", op: "within_days", days: 90 },
        { type: "bought", item: "product", ids: ["prod_seg_7"], within_days: 365 },
      ],
    },
  } as const
  const token = await ctx.adminToken("plugin")
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` }
  const route: Record<string, { ms: number[]; count: number }> = {}
  for (const [name, def] of Object.entries(defs)) {
    const ms: number[] = []
    let count = -1
    for (let i = 0; i <= runs; i++) {
      const t = performance.now()
      const res = await fetch(`${store.url}/admin/mailchimp/segments/preview`, { method: "POST", headers, body: JSON.stringify(def) })
      const body: any = await res.json()
      const took = performance.now() - t
      if (res.status !== 200) throw new Error(`POST /admin/mailchimp/segments/preview → ${res.status} ${JSON.stringify(body).slice(0, 300)}`)
      count = body.preview.count
      if (i > 0) ms.push(took) // the first is a warm-up
    }
    route[name] = { ms, count }
    ctx.log(`segments: preview route (${name}): p50 ${round(percentile(ms, 50), 0)} ms, count ${count}`)
  }
  const defsFile = tmp("defs")
  fs.writeFileSync(defsFile, JSON.stringify(defs))
  ctx.log(`segments: the service's preview, ${runs} runs each, and EXPLAIN ANALYZE (medusa exec) …`)
  const direct = await exec("measure", { BENCH_SEGMENTS_DEFS: defsFile })
  fs.rmSync(defsFile, { force: true })

  // (2) The full sync of an H-member segment.
  ctx.log(`segments: ${H} audience members into the stand-in (batch subscribe, 500 a call) …`)
  const auth = { "content-type": "application/json", authorization: `Basic ${Buffer.from(`bench:${sandbox.apiKey}`).toString("base64")}` }
  const api = `${sandbox.url}/3.0/lists/${sandbox.audienceId}`
  for (let from = 1; from <= H; from += 500) {
    const members = []
    for (let c = from; c < Math.min(from + 500, H + 1); c++) members.push({ email_address: `seg-${c}@example.com`, status: "subscribed" })
    const res = await fetch(api, { method: "POST", headers: auth, body: JSON.stringify({ members, update_existing: true }) })
    const body: any = await res.json()
    if (res.status !== 200 || body.error_count) throw new Error(`batch subscribe → ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`)
  }
  await sandbox.control.clearRequests()
  await sandbox.wire(latency, CONNECTIONS)
  const name = `Bench bought half ${Date.now().toString(36)}`
  let createS = 0
  let totalS = 0
  let held = 0
  let segment: any
  let remoteId: string | undefined
  // The process that runs the queue's jobs: the worker-mode one when split, else the store.
  const workerPid = (store.worker ?? store.process).pid
  const idleRss = memoryKb(workerPid).rss
  let peakRss = idleRss
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryKb(workerPid).rss)), 500)
  try {
    ctx.log(`segments: creating "${name}" (bought prod_seg_half) and waiting for the stand-in to hold ${H} (worker RSS ${Math.round(idleRss / 1024)} MB) …`)
    const started = performance.now()
    const res = await fetch(`${store.url}/admin/mailchimp/segments`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name, match: "all", conditions: [{ type: "bought", item: "product", ids: ["prod_seg_half"] }] }),
    })
    const created: any = await res.json()
    createS = (performance.now() - started) / 1000
    if (res.status !== 201) throw new Error(`POST /admin/mailchimp/segments → ${res.status} ${JSON.stringify(created).slice(0, 300)}`)
    segment = created.segment
    let lastLog = performance.now()
    for (;;) {
      if (!remoteId) {
        const got: any = await (await fetch(`${store.url}/admin/mailchimp/segments/${segment.id}`, { headers })).json()
        remoteId = got.segment?.mailchimp_segment_id ?? undefined
      }
      if (remoteId) {
        const s: any = await (await fetch(`${api}/segments/${remoteId}?fields=member_count`, { headers: auth })).json()
        held = Number(s.member_count ?? 0)
        if (held >= H) break
      }
      if ((performance.now() - started) / 1000 > timeoutS) break
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now()
        ctx.log(`segments: the stand-in holds ${held}/${H} …`)
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    totalS = (performance.now() - started) / 1000
  } finally {
    clearInterval(sampler)
    await sandbox.wire(0, 0)
  }
  peakRss = Math.max(peakRss, memoryKb(workerPid).rss)
  const rssGrowthMb = round((peakRss - idleRss) / 1024, 0)
  const requests: any[] = await sandbox.control.requests()
  const segmentCalls = requests.filter(
    (r) => r.method === "POST" && remoteId && r.path === `/3.0/lists/${sandbox.audienceId}/segments/${remoteId}`
  )
  const perCall = segmentCalls.map((r) => (r.body?.members_to_add?.length ?? 0) + (r.body?.members_to_remove?.length ?? 0))
  const otherCalls = requests.filter((r) => !segmentCalls.includes(r) && !(r.method === "GET" && String(r.path).includes("/segments")))
  const refused = requests.filter((r) => r.status === 429).length
  await new Promise((r) => setTimeout(r, 1_000))
  const view: any = await (await fetch(`${store.url}/admin/mailchimp/segments/${segment.id}`, { headers })).json()
  // Deleted: the next size's data would be its members, and the 15-minute job would sync it meanwhile.
  await fetch(`${store.url}/admin/mailchimp/segments/${segment.id}`, { method: "DELETE", headers })
  const reeval = direct.reevaluation as Record<string, { first_ms: number; again_ms: number; matched: number }>
  const reevaluationS = round(Object.values(reeval).reduce((n, r) => n + r.again_ms, 0) / 1000, 2)
  const rate = held / totalS
  const bound = (1000 / Math.max(latency, 1)) * 500 // one call at a time, 500 members each

  const p50 = (ms: number[]) => round(percentile(ms, 50), 0)
  const rows = [
    ...Object.keys(defs).flatMap((k) => [
      { measure: `preview route, ${k === "profile" ? "bought (profile)" : "bought within 365 d (orders)"}`, count: route[k].count, "p50 ms": p50(route[k].ms), "p95 ms": round(percentile(route[k].ms, 95), 0), "min ms": round(Math.min(...route[k].ms), 0), runs: route[k].ms.length },
      { measure: `service.preview, ${k === "profile" ? "bought (profile)" : "bought within 365 d (orders)"}`, count: direct[k].count, "p50 ms": p50(direct[k].ms), "p95 ms": round(percentile(direct[k].ms, 95), 0), "min ms": round(Math.min(...direct[k].ms), 0), runs: direct[k].ms.length },
    ]),
  ]
  const evalMet = Object.keys(defs).every((k) => percentile(route[k].ms, 50) < GOAL_MS && percentile(direct[k].ms, 50) < GOAL_MS)
  const syncOk = held === H && segmentCalls.length === Math.ceil(H / 500) && perCall.every((n) => n <= 500)
  const syncRows = [
    {
      measure: `full sync of ${H} members (wire ${latency} ms/call)`,
      members: held,
      calls: segmentCalls.length,
      "max per call": perCall.length ? Math.max(...perCall) : 0,
      "create route s": round(createS, 2),
      "total s": round(totalS, 1),
      "objects/s": round(rate, 0),
    },
  ]
  const planLines = (k: string) =>
    (direct[k].explain as string[]).filter((l) => /actual time|Execution Time|Planning Time/.test(l)).slice(0, 14).map((l) => l.replace(/\s+/g, " ").trim())
  return {
    rows: [...rows, ...syncRows],
    figures: {
      customers: seeded.customers,
      orders: seeded.orders,
      profiles: seeded.profiles,
      members: seeded.members,
      seed_s: round(seedS, 1),
      route_profile_p50_ms: p50(route.profile.ms),
      service_profile_p50_ms: p50(direct.profile.ms),
      explain_profile_execution_ms: direct.profile.execution_ms,
      route_orders_p50_ms: p50(route.orders.ms),
      service_orders_p50_ms: p50(direct.orders.ms),
      explain_orders_execution_ms: direct.orders.execution_ms,
      segment_count_profile: direct.profile.count,
      segment_count_orders: direct.orders.count,
      sync_members: held,
      sync_calls: segmentCalls.length,
      sync_max_per_call: perCall.length ? Math.max(...perCall) : 0,
      sync_other_calls: otherCalls.length,
      sync_refused_429: refused,
      sync_create_route_s: round(createS, 2),
      sync_total_s: round(totalS, 1),
      sync_objects_per_s: round(rate, 0),
      sync_bound_objects_per_s: bound,
      sync_idle_rss_mb: round(idleRss / 1024, 0),
      sync_peak_rss_mb: round(peakRss / 1024, 0),
      sync_rss_growth_mb: rssGrowthMb,
      reevaluation_s: reevaluationS,
      ...Object.fromEntries(Object.entries(reeval).flatMap(([k, r]) => [[`reevaluation_${k}_first_ms`, r.first_ms], [`reevaluation_${k}_again_ms`, r.again_ms]])),
      latency_ms: latency,
    },
    goal: `three-condition segment over ${C} customers / ${O} orders: p50 < ${GOAL_MS} ms (route and service, both forms); full sync: the stand-in holds all ${H} in ${Math.ceil(H / 500)} calls of ≤ 500`,
    met: evalMet && syncOk,
    notes: [
      `data: ${seeded.customers} customers, ${seeded.orders} purchase rows, ${seeded.profiles} profiles, ${seeded.members} subscribed members with an opt-in consent (seeded in ${round(seedS, 1)} s: ${JSON.stringify(seeded.timings_ms)} ms)`,
      `conditions: orders_count ≥ 2 AND last order within 90 days AND bought prod_seg_7 (one of 40 products): "profile" reads the product from the purchase profile, "orders" asks for it within 365 days (purchase rows). Route = POST /admin/mailchimp/segments/preview over HTTP (count + 10 rows), service = MailchimpSegmentsService.preview in a medusa exec; ${runs} runs each after a warm-up`,
      `EXPLAIN ANALYZE (profile): execution ${direct.profile.execution_ms} ms, planning ${direct.profile.planning_ms} ms; ${planLines("profile").join(" | ")}`,
      `EXPLAIN ANALYZE (orders): execution ${direct.orders.execution_ms} ms, planning ${direct.orders.planning_ms} ms; ${planLines("orders").join(" | ")}`,
      `re-evaluation (evaluateSegment, what the 15-minute job runs per segment): ${Object.entries(reeval).map(([k, r]) => `${k}: first ${r.first_ms} ms (${r.matched} matched), unchanged ${r.again_ms} ms`).join("; ")}; all: ${reevaluationS} s`,
      `worker memory during the sync: RSS ${round(idleRss / 1024, 0)} MB before, peak ${round(peakRss / 1024, 0)} MB (+${rssGrowthMb} MB)`,
      `sync: POST /admin/mailchimp/segments (stores, evaluates, queues; answered in ${round(createS, 2)} s) until the stand-in's static segment held ${held}/${H}: ${round(totalS, 1)} s, ${round(rate, 0)} members/s; ${segmentCalls.length} POST …/segments/{id} calls (members per call: min ${perCall.length ? Math.min(...perCall) : 0}, max ${perCall.length ? Math.max(...perCall) : 0}), ${otherCalls.length} other calls, ${refused} refused (429); every client call held ${latency} ms on the wire (one call at a time: the bound is ${bound} members/s); the store shows member_count ${view.segment?.member_count}, mailchimp_member_count ${view.segment?.mailchimp_member_count}, sync_status ${view.segment?.sync_status}`,
    ],
    details: { seeded, route, direct: Object.fromEntries(Object.entries(direct).map(([k, v]: [string, any]) => [k, v.ms ? { ...v, summary: summarize(v.ms) } : v])), perCall, segment: view.segment },
  }
}
