/**
 * `medusa exec test/bench/support/create-carts.ts`: creates BENCH_CARTS_COUNT carts in bulk through the cart module
 * (no store events: the scenario sends the plugin's cart work itself), each with an email and one line of a seeded
 * product, for shopper BENCH_CARTS_PREFIX-<i>@example.com. Writes [{id}] to BENCH_CARTS_OUT.
 */
import fs from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

export default async function createCarts({ container }: ExecArgs): Promise<void> {
  const count = Number(process.env.BENCH_CARTS_COUNT || 1000)
  const prefix = process.env.BENCH_CARTS_PREFIX || `bench-cart-${Date.now().toString(36)}`
  const out = process.env.BENCH_CARTS_OUT
  if (!out) throw new Error("BENCH_CARTS_OUT is not set")
  const cartModule = container.resolve(Modules.CART)
  const created: { id: string }[] = []
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, (_, k) => ({
      email: `${prefix}-${start + k}@example.com`,
      region_id: process.env.BENCH_REGION_ID,
      currency_code: "usd",
      items: [
        {
          title: "Medusa T-Shirt",
          quantity: 1,
          unit_price: 25,
          product_id: process.env.BENCH_PRODUCT_ID,
          variant_id: process.env.BENCH_VARIANT_ID,
          product_title: "Medusa T-Shirt",
        },
      ],
    }))
    const carts = await cartModule.createCarts(batch as any)
    created.push(...carts.map((c: any) => ({ id: c.id })))
  }
  fs.writeFileSync(out, JSON.stringify(created))
}
