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
      body: JSON.stringify({ input: { order_id: orderId } }),
    })
    const text = await res.text()
    if (res.status >= 300) throw new Error(`${name} → ${res.status} ${text.slice(0, 300)}`)
  }
}
