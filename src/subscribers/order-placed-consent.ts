import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { recordOrderConsentWorkflow } from "../workflows/record-order-consent"

export default async function orderPlacedConsentHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await recordOrderConsentWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "mailchimp-order-placed-consent" },
}
