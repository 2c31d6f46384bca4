/**
 * (a) What the plugin adds to a checkout: the full store-API checkout (test/support/store-client.ts
 * `checkout()`) on the store with the plugin and the box ticked, sent either way (the plugin's route,
 * or metadata in the cart update the storefront makes anyway), against the same checkout on the same
 * store without the plugin (no box to tick). One checkout at a time; each round runs every arm once,
 * in a new random order, so that load from elsewhere on the machine hits all arms alike.
 *
 * Env: BENCH_CHECKOUTS (40 per arm), BENCH_WARMUP (3 per arm, not counted).
 */
import { defineScenario, type Row } from "../support/scenario"
import { percentile, ratio, round, shuffle, summarize } from "../support/stats"
import { TimedStoreClient } from "../support/timed-client"
import { checkout } from "../../support/store-client"
import type { BenchStore } from "../support/context"
import { cpuMs } from "../support/cpu"

type Arm = { key: "route" | "metadata" | "plain"; label: string; store: "plugin" | "plain"; optIn: false | "route" | "metadata" }

const ARMS: Arm[] = [
  { key: "route", label: "with plugin, box ticked (route)", store: "plugin", optIn: "route" },
  { key: "metadata", label: "with plugin, box ticked (metadata)", store: "plugin", optIn: "metadata" },
  { key: "plain", label: "without plugin", store: "plain", optIn: false },
]

export default defineScenario({
  name: "checkout-cost",
  title: "(a) checkout cost: full store-API checkout with the plugin (box ticked) vs the same store without it",
  async run(ctx) {
    const n = Number(process.env.BENCH_CHECKOUTS || 40)
    const warmup = Number(process.env.BENCH_WARMUP || 3)
    const [plugin, plain] = await Promise.all([ctx.store("plugin"), ctx.store("plain")])
    const sandbox = await ctx.sandbox()
    const stores: Record<"plugin" | "plain", BenchStore> = { plugin, plain }
    const clients = {
      plugin: new TimedStoreClient(plugin.url, plugin.seed.publishableKey),
      plain: new TimedStoreClient(plain.url, plain.seed.publishableKey),
    }
    const samples: Record<Arm["key"], number[]> = { route: [], metadata: [], plain: [] }
    const steps: Record<Arm["key"], Record<string, number[]>> = { route: {}, metadata: {}, plain: {} }
    const paired: { route: number[]; metadata: number[] } = { route: [], metadata: [] }
    // CPU the store process spent during each measured checkout (its own window only).
    const cpu: Record<Arm["key"], number[]> = { route: [], metadata: [], plain: [] }
    const placed = new Map<string, number>()
    const runId = Date.now().toString(36)
    sandbox.watch(true)

    const cpuTotal0 = { plugin: cpuMs(plugin.process.pid), plain: cpuMs(plain.process.pid) }
    ctx.log(`checkout-cost: ${warmup} warm-up + ${n} measured checkouts per arm, arms interleaved`)
    for (let round = 0; round < warmup + n; round++) {
      const times: Partial<Record<Arm["key"], number>> = {}
      for (const arm of shuffle([...ARMS])) {
        const store = stores[arm.store]
        const client = clients[arm.store]
        const email = `bench-a-${runId}-${arm.key}-${round}@example.com`
        client.reset()
        const cpuBefore = cpuMs(store.process.pid)
        const started = performance.now()
        await checkout(client, {
          regionId: store.seed.regionId,
          variantId: store.seed.variantIds[0],
          email,
          optIn: arm.optIn,
        })
        const ms = performance.now() - started
        const cpuSpent = cpuMs(store.process.pid) - cpuBefore
        if (round < warmup) continue
        cpu[arm.key].push(cpuSpent)
        times[arm.key] = ms
        samples[arm.key].push(ms)
        if (arm.optIn) placed.set(email, Date.now())
        for (const { step, ms: stepMs } of client.steps) (steps[arm.key][step] ??= []).push(stepMs)
      }
      if (round >= warmup) {
        paired.route.push(times.route! / times.plain!)
        paired.metadata.push(times.metadata! / times.plain!)
        if ((round - warmup + 1) % 10 === 0) ctx.log(`checkout-cost: ${round - warmup + 1}/${n} rounds`)
      }
    }

    // The members of the measured opted-in checkouts should all reach the stand-in.
    await sandbox.waitForMembers([...placed.keys()], 30_000)
    sandbox.watch(false)
    await new Promise((r) => setTimeout(r, 500))
    // Whole-run CPU per checkout, including the plugin's asynchronous work after each order.
    const cpuPerCheckout = {
      plugin: (cpuMs(plugin.process.pid) - cpuTotal0.plugin) / (2 * (n + warmup)),
      plain: (cpuMs(plain.process.pid) - cpuTotal0.plain) / (n + warmup),
    }
    const toMember = [...placed].filter(([e]) => sandbox.seen.has(e)).map(([e, at]) => Math.max(0, sandbox.seen.get(e)! - at))
    const missing = placed.size - toMember.length

    const s = {
      route: summarize(samples.route),
      metadata: summarize(samples.metadata),
      plain: summarize(samples.plain),
    }
    const figures = {
      route_p50_ms: s.route.p50,
      route_p95_ms: s.route.p95,
      metadata_p50_ms: s.metadata.p50,
      metadata_p95_ms: s.metadata.p95,
      plain_p50_ms: s.plain.p50,
      plain_p95_ms: s.plain.p95,
      ratio_route_p50: ratio(s.route.p50, s.plain.p50),
      ratio_route_p95: ratio(s.route.p95, s.plain.p95),
      ratio_metadata_p50: ratio(s.metadata.p50, s.plain.p50),
      ratio_metadata_p95: ratio(s.metadata.p95, s.plain.p95),
      cpu_route_p50_ms: round(percentile(cpu.route, 50)),
      cpu_metadata_p50_ms: round(percentile(cpu.metadata, 50)),
      cpu_plain_p50_ms: round(percentile(cpu.plain, 50)),
      cpu_per_checkout_with_plugin_ms: round(cpuPerCheckout.plugin),
      cpu_per_checkout_without_ms: round(cpuPerCheckout.plain),
      cpu_ratio_whole_run: ratio(cpuPerCheckout.plugin, cpuPerCheckout.plain),
      paired_ratio_route_median: round(percentile(paired.route, 50), 3),
      paired_ratio_metadata_median: round(percentile(paired.metadata, 50), 3),
      checkout_to_member_p50_ms: round(percentile(toMember, 50)),
      checkout_to_member_p95_ms: round(percentile(toMember, 95)),
      members_missing: missing,
    }
    const rows: Row[] = ARMS.map((arm) => ({
      checkout: arm.label,
      n: s[arm.key].n,
      "p50 ms": s[arm.key].p50,
      "p95 ms": s[arm.key].p95,
      "mean ms": s[arm.key].mean,
      "ratio p50": arm.key === "plain" ? 1 : ratio(s[arm.key].p50, s.plain.p50),
      "ratio p95": arm.key === "plain" ? 1 : ratio(s[arm.key].p95, s.plain.p95),
      "paired ratio (median)": arm.key === "plain" ? 1 : round(percentile(paired[arm.key], 50), 3),
      "store CPU p50 ms": round(percentile(cpu[arm.key], 50)),
    }))
    const stepTable: Record<string, Record<string, number>> = {}
    for (const arm of ARMS) {
      for (const [step, values] of Object.entries(steps[arm.key])) {
        ;(stepTable[step] ??= {})[`${arm.key} p50 ms`] = round(percentile(values, 50))
      }
    }
    const met = Math.max(figures.ratio_route_p50, figures.ratio_metadata_p50) <= 1.05
    return {
      rows,
      figures,
      goal: "checkout with the plugin ≤ 1.05 × without (p50)",
      met,
      notes: [
        `ratio = with plugin ÷ without; paired ratio = median over rounds of (this arm ÷ the plain checkout of the same round)`,
        `store CPU per checkout over the whole run (async work included): with plugin ${figures.cpu_per_checkout_with_plugin_ms} ms, without ${figures.cpu_per_checkout_without_ms} ms, ratio ${figures.cpu_ratio_whole_run}`,
        `checkout → member in the stand-in (these sequential checkouts): p50 ${figures.checkout_to_member_p50_ms} ms, p95 ${figures.checkout_to_member_p95_ms} ms` +
          (missing ? `, ${missing} member(s) MISSING after 30 s` : ""),
        "p50 per step (ms): " +
          Object.entries(stepTable)
            .map(([step, v]) => `${step} ${ARMS.map((a) => v[`${a.key} p50 ms`] ?? "–").join("/")}`)
            .join("; ") +
          " (route/metadata/plain)",
      ],
      details: { samples_ms: samples, cpu_ms: cpu, steps_p50_ms: stepTable, n, warmup },
    }
  },
})
