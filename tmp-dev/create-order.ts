import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
const s = require("/tmp/dev-store.json")
export default async function ({ container }: ExecArgs) {
  const t = Date.now()
  const address = { first_name: "Old", last_name: "Buyer", address_1: "2 Side St", city: "Austin", province: "TX", postal_code: "78701", country_code: "us" }
  const { result } = await createOrderWorkflow(container).run({
    input: {
      region_id: s.regionId,
      sales_channel_id: s.salesChannelId,
      email: `old${Date.now()}@example.com`,
      currency_code: "usd",
      shipping_address: address,
      billing_address: address,
      items: [{ variant_id: s.variantIds[1], quantity: 3 }],
    } as any,
  })
  console.log("CREATED", result.id, Date.now() - t, "ms")
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "status", "is_draft_order", "customer_id", "email", "total", "items.unit_price"], filters: { id: result.id } })
  console.log("ORDER", JSON.stringify(data))
}
