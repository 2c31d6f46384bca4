import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { requestCartSyncWorkflow } from "../workflows/commerce/request-cart-sync"

/**
 * Carts follow the store's carts. Medusa 2.21 emits cart.updated for line changes too (add, update, delete line
 * items), and the customer and region events on their own.
 */
export default async function cartCommerceHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  if (!event.data?.id) return
  await requestCartSyncWorkflow(container).run({ input: { cart_ids: [event.data.id] } })
}

export const config: SubscriberConfig = {
  event: ["cart.created", "cart.updated", "cart.customer_updated", "cart.customer_transferred", "cart.region_updated"],
  context: { subscriberId: "mailchimp-cart-commerce" },
}
