import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { GraphQuery, orderIdForFulfillment } from "../modules/mailchimp-commerce/store-data"
import { recordOrderPurchase } from "../workflows/commerce/record-order-purchase"

/** A fulfilment shipped or delivered: Mailchimp's order shows it (`fulfillment_status`). */
export default async function shipmentPurchaseHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  const orderId = await orderIdForFulfillment(query, event.data.id)
  if (!orderId) return
  await recordOrderPurchase(container, orderId)
}

export const config: SubscriberConfig = {
  event: ["shipment.created", "delivery.created"],
  context: { subscriberId: "mailchimp-shipment-purchase" },
}
