import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { recordOrderPurchase } from "../workflows/commerce/record-order-purchase"

/** Every change to an order that Mailchimp or the buyer's profile shows. */
export default async function orderPurchaseHandler({ event, container }: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const orderId = event.data.order_id ?? event.data.id
  if (!orderId) return
  await recordOrderPurchase(container, orderId)
}

export const config: SubscriberConfig = {
  event: [
    "order.placed",
    "order.updated",
    "order.canceled",
    "order.completed",
    "order.fulfillment_created",
    "order.fulfillment_canceled",
    "order.return_received",
  ],
  context: { subscriberId: "mailchimp-order-purchase" },
}
