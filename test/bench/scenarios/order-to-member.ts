/**
 * (b) Order placed → member in the stand-in, at a steady rate (open loop: the next order is due at
 * its time whether or not the earlier ones are done). The store runs with the plugin and its worker in
 * one process (shared mode) against a private Redis.
 *
 * A full store-API checkout costs this 2-core machine seconds of CPU (see (a)), so 20 checkouts per
 * second cannot be placed here through the store API. The orders are therefore made in bulk
 * beforehand (create-orders.ts: each with the choice and evidence the checkout capture stores), and at
 * each due time the store is handed the plugin's order.placed work: its `mailchimp-record-order-consent`
 * workflow (what the order.placed subscriber runs) through Medusa's admin workflow-run route, inside the
 * store process. Latency = when the member first appears in the stand-in − when that order was due.
 *
 * Env: BENCH_RATE (20 orders/s), BENCH_SECONDS (15).
 */
import { createBenchOrders, orderWorkflowRunner, placeAtRate } from "../support/bench-orders"
import { cpuMs } from "../support/cpu"
import { defineScenario } from "../support/scenario"
import { round, summarize } from "../support/stats"

export default defineScenario({
  name: "order-to-member",
  title: "(b) order placed → member in the stand-in at a steady rate (open loop, shared mode)",
  async run(ctx) {
    const rate = Number(process.env.BENCH_RATE || 20)
    const seconds = Number(process.env.BENCH_SECONDS || 15)
    const calibration = 10
    const count = Math.round(rate * seconds) + calibration + 2
    const store = await ctx.store("plugin")
    const sandbox = await ctx.sandbox()

    ctx.log(`order-to-member: creating ${count} orders in bulk (medusa exec) …`)
    const orders = await createBenchOrders(ctx, count, "b")
    const workflow = await orderWorkflowRunner(ctx)
    const run = (orderId: string) => workflow("mailchimp-record-order-consent", orderId)
    // Two orders outside the measurement warm the path (audience profile, connections).
    const warm = orders.splice(0, 2)
    for (const o of warm) await run(o.id)
    await sandbox.waitForMembers(warm.map((o) => o.email), 20_000)

    // Unloaded: one order at a time, the next once the member is in. What one order costs the store.
    sandbox.watch(true)
    const single: number[] = []
    const singleCall: number[] = []
    const singleCpu: number[] = []
    for (const o of orders.splice(0, calibration)) {
      const cpu0 = cpuMs(store.process.pid)
      const at = Date.now()
      const t = performance.now()
      await run(o.id)
      singleCall.push(performance.now() - t)
      await sandbox.waitForMembers([o.email], 20_000)
      const seenAt = sandbox.seen.get(o.email.toLowerCase())
      if (seenAt) single.push(seenAt - at)
      await new Promise((r) => setTimeout(r, 100))
      singleCpu.push(cpuMs(store.process.pid) - cpu0)
    }
    sandbox.watch(false)
    const unloaded = summarize(single)
    const unloadedCall = summarize(singleCall)
    const unloadedCpu = summarize(singleCpu)

    await sandbox.control.clearRequests()
    sandbox.watch(true)
    ctx.log(`order-to-member: ${orders.length} orders at ${rate}/s …`)
    const cpuStart = cpuMs(store.process.pid)
    const { dueAt, callMs, errors, t0, sentFor, lag } = await placeAtRate(orders, rate, run)
    const due = new Map(orders.map((o, i) => [o.email.toLowerCase(), dueAt[i]]))
    await sandbox.waitForMembers([...due.keys()], 30_000)
    sandbox.watch(false)
    const lastSeen = Math.max(...[...due.keys()].map((e) => sandbox.seen.get(e) ?? 0))
    const cpuPerOrder = (cpuMs(store.process.pid) - cpuStart) / orders.length
    const busy = (cpuMs(store.process.pid) - cpuStart) / (Date.now() - t0)

    const latencies = [...due].filter(([e]) => sandbox.seen.has(e)).map(([e, at]) => sandbox.seen.get(e)! - at)
    const missing = due.size - latencies.length
    const s = summarize(latencies)
    const calls = summarize(callMs)
    const counts = await fetch(`${sandbox.url}/_sandbox/requests`).then((r) => r.json() as any)
    const sandboxStatuses: Record<string, number> = {}
    for (const r of counts.requests ?? counts) sandboxStatuses[r.status] = (sandboxStatuses[r.status] ?? 0) + 1
    const figures = {
      offered_rate_per_s: rate,
      achieved_rate_per_s: round(orders.length / sentFor, 2),
      orders: orders.length,
      p50_ms: s.p50,
      p95_ms: s.p95,
      max_ms: s.max,
      members_missing: missing,
      workflow_run_call_p50_ms: calls.p50,
      workflow_run_call_p95_ms: calls.p95,
      workflow_run_errors: errors.length,
      drained_after_s: round((lastSeen - t0) / 1000, 2),
      store_cpu_per_order_ms: round(cpuPerOrder),
      unloaded_p50_ms: unloaded.p50,
      unloaded_call_p50_ms: unloadedCall.p50,
      unloaded_store_cpu_per_order_ms: unloadedCpu.p50,
    }
    return {
      rows: [
        {
          measure: "order due → member in stand-in",
          n: s.n,
          "p50 ms": s.p50,
          "p95 ms": s.p95,
          "max ms": s.max,
          missing,
        },
        {
          measure: "unloaded: one order at a time → member",
          n: unloaded.n,
          "p50 ms": unloaded.p50,
          "p95 ms": unloaded.p95,
          "max ms": unloaded.max,
          missing: calibration - unloaded.n,
        },
        {
          measure: "workflow run call (store answers)",
          n: calls.n,
          "p50 ms": calls.p50,
          "p95 ms": calls.p95,
          "max ms": calls.max,
          missing: errors.length,
        },
      ],
      figures,
      goal: `p95 < 2000 ms at ${rate} orders/s`,
      met: missing === 0 && s.p95 < 2000,
      notes: [
        `${orders.length} orders in ${round(sentFor, 1)} s (offered ${rate}/s, scheduler lag max ${lag} ms); all members in the stand-in ${figures.drained_after_s} s after the first was due`,
        `store CPU per order: ${figures.store_cpu_per_order_ms} ms at ${rate}/s (the store process was busy ${Math.round(busy * 100)} % of one core from the first due order until drained); unloaded ${unloadedCpu.p50} ms, workflow run call ${unloadedCall.p50} ms`,
        `stand-in answers by status: ${JSON.stringify(sandboxStatuses)}`,
        ...(errors.length ? [`errors: ${errors.slice(0, 3).join("; ")}`] : []),
        "orders made in bulk beforehand; the store runs the order.placed workflow for each one when due (see the file's header)",
      ],
      details: { latencies_ms: latencies, run_call_ms: callMs, errors },
    }
  },
})
