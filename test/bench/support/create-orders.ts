/**
 * `medusa exec test/bench/support/create-orders.ts`: creates BENCH_ORDERS_COUNT orders in bulk, each
 * carrying the newsletter choice exactly as the plugin's checkout capture stores it (opt_in plus
 * server-side evidence, sealed with the store's key), for a shopper BENCH_ORDERS_PREFIX-<i>@example.com. Writes [{id, email}] to
 * BENCH_ORDERS_OUT. Faster than real checkouts by far: it lets scenario (b) feed order.placed work
 * to the plugin at a rate this machine could not reach through the store API.
 */
import fs from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../../src/modules/mailchimp"
import { sealNewsletterChoice } from "../../../src/modules/mailchimp/newsletter-choice"
import type MailchimpModuleService from "../../../src/modules/mailchimp/service"
import { US_ADDRESS } from "../../support/store-client"

export default async function createOrders({ container }: ExecArgs): Promise<void> {
  const count = Number(process.env.BENCH_ORDERS_COUNT || 300)
  const prefix = process.env.BENCH_ORDERS_PREFIX || `bench-b-${Date.now().toString(36)}`
  const out = process.env.BENCH_ORDERS_OUT
  if (!out) throw new Error("BENCH_ORDERS_OUT is not set")
  const regionId = process.env.BENCH_REGION_ID
  const orderModule = container.resolve(Modules.ORDER)
  // Sealed with the store's key, as the checkout capture does: an unsealed choice would be ignored.
  const key = container.resolve<MailchimpModuleService>(MAILCHIMP_MODULE).getEvidenceKey()
  const created: { id: string; email: string }[] = []
  const address = { first_name: "Bench", last_name: "Shopper", phone: "+15125550100", ...US_ADDRESS }
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, (_, k) => {
      const email = `${prefix}-${start + k}@example.com`
      return {
        email,
        region_id: regionId,
        currency_code: "usd",
        shipping_address: address,
        billing_address: address,
        // A line of a seeded product, as a checkout makes: Mailchimp gets the product once, with its first order.
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
        metadata: {
          mailchimp_newsletter: sealNewsletterChoice(
            {
              opt_in: true,
              at: new Date().toISOString(),
              ip: "127.0.0.1",
              user_agent: "medusa-mailchimp-bench/1.0",
              label: "Email me news and offers",
            },
            key
          ),
        },
      }
    })
    const orders = await orderModule.createOrders(batch as any)
    created.push(...orders.map((o: any) => ({ id: o.id, email: o.email })))
  }
  fs.writeFileSync(out, JSON.stringify(created))
}
