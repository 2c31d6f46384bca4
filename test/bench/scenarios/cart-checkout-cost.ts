/**
 * (f2) What cart sync adds to a checkout: the full store-API checkout (test/support/store-client.ts `checkout()`, box
 * not ticked) on the plugin store with cart sync on (default options), the same store with it off, and the store
 * without the plugin, side by side: each round runs every arm once, in a new random order.
 *
 * Env: BENCH_CHECKOUTS (30 per arm), BENCH_WARMUP (3 per arm, not counted).
 */
import { checkout } from "../../support/store-client"
import type { BenchStore, StoreKind } from "../support/context"
import { defineScenario, type Row } from "../support/scenario"
import { percentile, ratio, round, shuffle, summarize } from "../support/stats"
import { TimedStoreClient } from "../support/timed-client"

const ARMS: { key: StoreKind; label: string }[] = [
  { key: "plugin", label: "with plugin, cart sync on" },
  { key: "plugin-carts-off", label: "with plugin, cart sync off" },
  { key: "plain", label: "without plugin" },
]

export default defineScenario({
  name: "cart-checkout-cost",
  title: "(f2) checkout cost with cart sync on vs off (and without the plugin)",
  async run(ctx) {
    const n = Number(process.env.BENCH_CHECKOUTS || 30)
    const warmup = Number(process.env.BENCH_WARMUP || 3)
    const stores = Object.fromEntries(await Promise.all(ARMS.map(async (a) => [a.key, await ctx.store(a.key)] as const))) as Record<StoreKind, BenchStore>
    const clients = Object.fromEntries(ARMS.map((a) => [a.key, new TimedStoreClient(stores[a.key].url, stores[a.key].seed.publishableKey)])) as Record<StoreKind, TimedStoreClient>
    const samples: Record<string, number[]> = Object.fromEntries(ARMS.map((a) => [a.key, []]))
    const paired: number[] = []
    const runId = Date.now().toString(36)
    ctx.log(`cart-checkout-cost: ${warmup} warm-up + ${n} measured checkouts per arm, arms interleaved`)
    for (let r = 0; r < warmup + n; r++) {
      const times: Partial<Record<StoreKind, number>> = {}
      for (const arm of shuffle([...ARMS])) {
        const store = stores[arm.key]
        const started = performance.now()
        await checkout(clients[arm.key], {
          regionId: store.seed.regionId,
          variantId: store.seed.variantIds[0],
          email: `bench-c2-${runId}-${arm.key}-${r}@example.com`,
          optIn: false,
        })
        times[arm.key] = performance.now() - started
      }
      if (r < warmup) continue
      for (const arm of ARMS) samples[arm.key].push(times[arm.key]!)
      paired.push(times.plugin! / times["plugin-carts-off"]!)
      if ((r - warmup + 1) % 10 === 0) ctx.log(`cart-checkout-cost: ${r - warmup + 1}/${n} rounds`)
    }
    const s = Object.fromEntries(ARMS.map((a) => [a.key, summarize(samples[a.key])])) as Record<StoreKind, ReturnType<typeof summarize>>
    const figures = {
      on_p50_ms: s.plugin.p50,
      off_p50_ms: s["plugin-carts-off"].p50,
      plain_p50_ms: s.plain.p50,
      ratio_on_off_p50: ratio(s.plugin.p50, s["plugin-carts-off"].p50),
      ratio_on_plain_p50: ratio(s.plugin.p50, s.plain.p50),
      ratio_off_plain_p50: ratio(s["plugin-carts-off"].p50, s.plain.p50),
      paired_ratio_on_off_median: round(percentile(paired, 50), 3),
    }
    const rows: Row[] = ARMS.map((a) => ({
      checkout: a.label,
      n: s[a.key].n,
      "p50 ms": s[a.key].p50,
      "p95 ms": s[a.key].p95,
      "ratio p50 (÷ without plugin)": a.key === "plain" ? 1 : ratio(s[a.key].p50, s.plain.p50),
    }))
    return {
      rows,
      figures,
      goal: "checkout with cart sync on ≤ 1.05 × with it off (p50)",
      met: figures.ratio_on_off_p50 <= 1.05,
      notes: [`paired ratio on ÷ off (median over rounds): ${figures.paired_ratio_on_off_median}`],
      details: { samples_ms: samples, n, warmup },
    }
  },
})
