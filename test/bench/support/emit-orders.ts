/**
 * `medusa exec test/bench/support/emit-orders.ts`: emits `order.placed` for each order of BENCH_EMIT_IN
 * ([{id}]) through the store's Redis event bus, one every 1/BENCH_EMIT_RATE s (open loop), as the store's
 * checkout does when an order is placed; the worker process runs the subscribers. Writes the schedule
 * (placeAtRate's answer: due times, emit times) to BENCH_EMIT_OUT.
 */
import fs from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { placeAtRate } from "./bench-orders"

export default async function emitOrders({ container }: ExecArgs): Promise<void> {
  const orders = JSON.parse(fs.readFileSync(process.env.BENCH_EMIT_IN!, "utf8")) as { id: string }[]
  const eventBus = container.resolve(Modules.EVENT_BUS)
  const schedule = await placeAtRate(orders, Number(process.env.BENCH_EMIT_RATE || 50), (id) =>
    eventBus.emit({ name: "order.placed", data: { id } })
  )
  fs.writeFileSync(process.env.BENCH_EMIT_OUT!, JSON.stringify(schedule))
}
