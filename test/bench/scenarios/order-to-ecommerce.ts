/**
 * (b2) Order placed → order in Mailchimp's e-commerce API (the stand-in's store), at a steady rate
 * (open loop: the next order is due at its time whether or not the earlier ones are done), issue 4's
 * live goal: p95 < 2 s at 50 orders/s. The store runs with the plugin and its worker in one process
 * (shared mode; BENCH_WORKER_MODE=split runs a server and a worker process instead) against a private Redis.
 *
 * As in (b) (order-to-member.ts), the orders are made in bulk beforehand (create-orders.ts) and at
 * each due time the store is handed the plugin's order.placed work, through Medusa's admin
 * workflow-run route: both workflows the order.placed subscribers run, `mailchimp-record-order-purchase`
 * (purchase row, profile, the order's e-commerce sync) and, unless BENCH_ECOM_CONSENT=0,
 * `mailchimp-record-order-consent` (the member), so the worker carries the whole load of a placed order.
 * Latency = when the order first appears in the stand-in − when it was due. Every client call goes
 * through the wire (wire.ts) with BENCH_ECOM_LATENCY_MS and at most 10 connections, as Mailchimp.
 * The plugin's `syncDelayMs` (500 ms by default: changes to one order within it coalesce) is part of it.
 *
 * Env: BENCH_ECOM_RATE (50 orders/s), BENCH_ECOM_SECONDS (15), BENCH_ECOM_LATENCY_MS (50), BENCH_ECOM_CONSENT (1).
 */
import { createBenchOrders, emitAtRate, orderWorkflowRunner, placeAtRate } from "../support/bench-orders"
import { cpuMs } from "../support/cpu"
import { defineScenario } from "../support/scenario"
import { round, summarize } from "../support/stats"

const CONNECTIONS = 10

export default defineScenario({
  name: "order-to-ecommerce",
  title: "(b2) order placed → e-commerce order in the stand-in at a steady rate (open loop)",
  async run(ctx) {
    const rate = Number(process.env.BENCH_ECOM_RATE || 50)
    const seconds = Number(process.env.BENCH_ECOM_SECONDS || 15)
    const latency = Number(process.env.BENCH_ECOM_LATENCY_MS ?? 50)
    const withConsent = process.env.BENCH_ECOM_CONSENT !== "0"
    const warmCount = 3
    const count = Math.round(rate * seconds) + warmCount
    const store = await ctx.store("plugin")
    const sandbox = await ctx.sandbox()

    ctx.log(`order-to-ecommerce: creating ${count} orders in bulk (medusa exec) …`)
    const orders = await createBenchOrders(ctx, count, "e")
    const workflow = await orderWorkflowRunner(ctx)
    // What the order.placed subscribers run, side by side.
    const placed = (orderId: string) =>
      Promise.all([
        workflow("mailchimp-record-order-purchase", orderId),
        ...(withConsent ? [workflow("mailchimp-record-order-consent", orderId)] : []),
      ]).then(() => undefined)

    await sandbox.wire(latency, latency > 0 ? CONNECTIONS : 0)
    try {
      // A few orders outside the measurement connect the e-commerce store and warm the path.
      sandbox.watch(true)
      const warm = orders.splice(0, warmCount)
      for (const o of warm) await placed(o.id)
      await sandbox.waitForOrders(
        warm.map((o) => o.id),
        30_000
      )
      sandbox.watch(false)
      await new Promise((r) => setTimeout(r, 1_000))

      await sandbox.control.clearRequests()
      sandbox.watch(true)
      ctx.log(`order-to-ecommerce: ${orders.length} orders at ${rate}/s (wire ${latency} ms, ${CONNECTIONS} connections) …`)
      const workerCpu = () => (store.worker ? cpuMs(store.worker.pid) : 0)
      const storeCpu = () => cpuMs(store.process.pid) + workerCpu()
      const cpuStart = storeCpu()
      const workerCpuStart = workerCpu()
      const { dueAt, callMs, errors, t0, sentFor, lag } = ctx.split ? await emitAtRate(ctx, orders, rate) : await placeAtRate(orders, rate, placed)
      const due = new Map(orders.map((o, i) => [o.id, dueAt[i]]))
      const dueEmail = new Map(orders.map((o, i) => [o.email.toLowerCase(), dueAt[i]]))
      await sandbox.waitForOrders([...due.keys()], 60_000)
      if (withConsent) await sandbox.waitForMembers([...dueEmail.keys()], 10_000)
      sandbox.watch(false)
      const cpuPerOrder = (storeCpu() - cpuStart) / orders.length
      const workerCpuPerOrder = (workerCpu() - workerCpuStart) / orders.length
      const lastSeen = Math.max(...[...due.keys()].map((id) => sandbox.ordersSeen.get(id) ?? 0))

      const latencies = [...due].filter(([id]) => sandbox.ordersSeen.has(id)).map(([id, at]) => sandbox.ordersSeen.get(id)! - at)
      const missing = due.size - latencies.length
      const s = summarize(latencies)
      const memberLatencies = [...dueEmail].filter(([e]) => sandbox.seen.has(e)).map(([e, at]) => sandbox.seen.get(e)! - at)
      const m = summarize(memberLatencies)
      const calls = summarize(callMs)
      // What the stand-in was asked, by method and path shape (ids left out): the calls one order costs.
      const log = (await sandbox.control.requests().catch(() => [])) as { method: string; path: string; batch_id?: string }[]
      const byKind: Record<string, number> = {}
      for (const r of log) {
        if (r.batch_id) continue
        const shape = `${r.method} ${r.path
          .replace(/\/stores\/[^/]+/, "/stores/{store}")
          .replace(/\/(orders|customers|products|variants|members|merge-fields|lists)\/[^/]+/g, "/$1/{id}")}`
        byKind[shape] = (byKind[shape] ?? 0) + 1
      }
      const callsPerOrder = log.length < 5000 ? round(log.filter((r) => !r.batch_id).length / orders.length, 2) : null
      const figures = {
        offered_rate_per_s: rate,
        achieved_rate_per_s: round(orders.length / sentFor, 2),
        orders: orders.length,
        latency_ms_on_wire: latency,
        connections: CONNECTIONS,
        p50_ms: s.p50,
        p95_ms: s.p95,
        max_ms: s.max,
        orders_missing: missing,
        member_p50_ms: withConsent ? m.p50 : null,
        member_p95_ms: withConsent ? m.p95 : null,
        members_missing: withConsent ? dueEmail.size - memberLatencies.length : null,
        workflow_calls_p50_ms: calls.p50,
        workflow_calls_p95_ms: calls.p95,
        workflow_errors: errors.length,
        drained_after_s: round((lastSeen - t0) / 1000, 2),
        store_cpu_per_order_ms: round(cpuPerOrder),
        worker_mode: store.worker ? "split" : "shared",
        worker_cpu_per_order_ms: store.worker ? round(workerCpuPerOrder) : null,
        mailchimp_calls_per_order: callsPerOrder,
      }
      return {
        rows: [
          { measure: `order due → e-commerce order in the stand-in, ${rate}/s`, n: s.n, "p50 ms": s.p50, "p95 ms": s.p95, "max ms": s.max, missing },
          ...(withConsent
            ? [{ measure: `order due → member in the stand-in (same orders)`, n: m.n, "p50 ms": m.p50, "p95 ms": m.p95, "max ms": m.max, missing: dueEmail.size - m.n }]
            : []),
          { measure: ctx.split ? "order.placed emits (event bus answers)" : "order.placed workflow runs (store answers)", n: calls.n, "p50 ms": calls.p50, "p95 ms": calls.p95, "max ms": calls.max, missing: errors.length },
        ],
        figures,
        goal: `p95 < 2000 ms at ${rate} orders/s`,
        met: missing === 0 && errors.length === 0 && s.p95 < 2000,
        notes: [
          `${orders.length} orders in ${round(sentFor, 1)} s (offered ${rate}/s, scheduler lag max ${lag} ms); every e-commerce order in the stand-in ${figures.drained_after_s} s after the first was due`,
          `every client call ${latency} ms away on the wire, at most ${CONNECTIONS} at once; the plugin coalesces changes to one order for syncDelayMs (500 ms by default) before it writes`,
          `${store.worker ? `server and worker processes (BENCH_WORKER_MODE=split; the worker's share ${figures.worker_cpu_per_order_ms} ms)` : "server and worker in one process (shared mode)"}; store CPU per order: ${figures.store_cpu_per_order_ms} ms (${withConsent ? "purchase and consent workflows" : "purchase workflow only"}); Mailchimp calls per order: ${callsPerOrder ?? "? (log full)"}: ${JSON.stringify(byKind)}`,
          ...(errors.length ? [`errors: ${errors.slice(0, 3).join("; ")}`] : []),
          "orders made in bulk beforehand; the store runs the order.placed workflows for each one when due (see the file's header)",
        ],
        details: { latencies_ms: latencies, member_latencies_ms: memberLatencies, run_call_ms: callMs, errors },
      }
    } finally {
      await sandbox.wire(0, 0)
    }
  },
})
