import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { GraphQuery, orderIdForPayment } from "../modules/mailchimp-commerce/store-data"
import { recordOrderPurchase } from "../workflows/commerce/record-order-purchase"

/** A payment captured or refunded (`payment.refunded`, emitted by refundPaymentWorkflow): its order changed. */
export default async function paymentPurchaseHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  const orderId = await orderIdForPayment(query, event.data.id)
  if (!orderId) return
  await recordOrderPurchase(container, orderId)
}

export const config: SubscriberConfig = {
  event: ["payment.refunded", "payment.captured"],
  context: { subscriberId: "mailchimp-payment-purchase" },
}
