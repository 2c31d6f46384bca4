/**
 * Orders for the order-placed scenarios: made in bulk beforehand (create-orders.ts, each with the choice and
 * evidence the checkout capture stores), then handed to the plugin's order.placed workflows one at a time
 * through Medusa's admin workflow-run route, inside the store process.
 */
import fs from "fs"
import os from "os"
import path from "path"
import { REPO_ROOT, runMedusa } from "../../support/medusa-process"
import { BenchContext, LOG_DIR } from "./context"

export async function createBenchOrders(ctx: BenchContext, count: number, prefix: string): Promise<{ id: string; email: string }[]> {
  const store = await ctx.store("plugin")
  const out = path.join(os.tmpdir(), `medusa-mailchimp-bench-${prefix}-orders-${process.pid}.json`)
  await runMedusa(["exec", path.join(REPO_ROOT, "test/bench/support/create-orders.ts")], {
    env: {
      ...(await ctx.execEnv("plugin")),
      BENCH_ORDERS_COUNT: String(count),
      BENCH_ORDERS_OUT: out,
      BENCH_REGION_ID: store.seed.regionId,
      BENCH_PRODUCT_ID: store.seed.productIds[0],
      BENCH_VARIANT_ID: store.seed.variantIds[0],
      BENCH_ORDERS_PREFIX: `bench-${prefix}-${Date.now().toString(36)}`,
    },
    logFile: path.join(LOG_DIR, "create-orders.log"),
    label: "create orders",
  })
  const orders = JSON.parse(fs.readFileSync(out, "utf8")) as { id: string; email: string }[]
  fs.rmSync(out, { force: true })
  return orders
}

/** A function that runs one of the plugin's workflows for an order, as its order.placed subscriber does. */
export async function orderWorkflowRunner(ctx: BenchContext): Promise<(name: string, orderId: string) => Promise<void>> {
  const store = await ctx.store("plugin")
  const token = await ctx.adminToken("plugin")
  return async (name, orderId) => {
    const res = await fetch(`${store.url}/admin/workflows-executions/${name}/run`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      // The order workflows take the orders of a burst together; the bench hands them one at a time.
      body: JSON.stringify({ input: { order_ids: [orderId] } }),
    })
    const text = await res.text()
    if (res.status >= 300) throw new Error(`${name} → ${res.status} ${text.slice(0, 300)}`)
  }
}

export type OpenLoop = {
  /** When each order was due (ms since the epoch), in the order of `orders`. */
  dueAt: number[]
  /** How long the store took to answer each workflow run, ms. */
  callMs: number[]
  errors: string[]
  t0: number
  /** Seconds from the first due time until the last order was handed over. */
  sentFor: number
  /** The most the scheduler fell behind a due time, ms. */
  lag: number
}

/**
 * Hands the store one order every 1/rate s, open loop: the next order is due at its time whether or not the
 * earlier ones are done. Resolves once every hand-over has answered.
 */
export async function placeAtRate(
  orders: { id: string }[],
  rate: number,
  place: (orderId: string) => Promise<void>
): Promise<OpenLoop> {
  const dueAt: number[] = []
  const callMs: number[] = []
  const errors: string[] = []
  const inFlight: Promise<void>[] = []
  const t0 = Date.now() + 100
  let lag = 0
  for (let i = 0; i < orders.length; i++) {
    const at = t0 + (i * 1000) / rate
    const wait = at - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    else lag = Math.max(lag, -wait)
    const order = orders[i]
    dueAt.push(at)
    const started = performance.now()
    inFlight.push(
      place(order.id)
        .then(() => void callMs.push(performance.now() - started))
        .catch((e) => void errors.push(`${order.id}: ${e.message}`))
    )
  }
  const sentFor = (Date.now() - t0) / 1000
  await Promise.all(inFlight)
  return { dueAt, callMs, errors, t0, sentFor, lag }
}

/**
 * Places the orders as `order.placed` events at the rate (BENCH_WORKER_MODE=split, where the store's processes
 * share a Redis event bus): a `medusa exec` emits them (emit-orders.ts) and the worker runs the subscribers,
 * as when a checkout completes. `callMs` is how long each emit took.
 */
export async function emitAtRate(ctx: BenchContext, orders: { id: string }[], rate: number): Promise<OpenLoop> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "medusa-mailchimp-bench-emit-"))
  const input = path.join(dir, "orders.json")
  const output = path.join(dir, "emitted.json")
  fs.writeFileSync(input, JSON.stringify(orders.map((o) => ({ id: o.id }))))
  try {
    await runMedusa(["exec", path.join(REPO_ROOT, "test/bench/support/emit-orders.ts")], {
      env: { ...(await ctx.execEnv("plugin")), BENCH_EMIT_IN: input, BENCH_EMIT_OUT: output, BENCH_EMIT_RATE: String(rate) },
      logFile: path.join(LOG_DIR, "emit-orders.log"),
      label: "emit orders",
    })
    return JSON.parse(fs.readFileSync(output, "utf8")) as OpenLoop
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
