import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { recordOrderConsent } from "../workflows/record-order-consent"

export default async function orderPlacedConsentHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await recordOrderConsent(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "mailchimp-order-placed-consent" },
}
