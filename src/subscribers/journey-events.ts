import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { JourneyTrigger } from "../workflows/steps/build-journey-events"
import { recordJourneyEventsWorkflow } from "../workflows/journeys/record-journey-events"

type Data = { id?: string; order_id?: string; return_id?: string }

/** Medusa's event → the trigger the journey workflow reads (docs/journey-events.md lists the mapping). */
function triggerOf(name: string, data: Data): JourneyTrigger | undefined {
  switch (name) {
    case "order.placed":
      return data.id ? { kind: "order_placed", order_id: data.id } : undefined
    case "order.canceled":
      return data.id ? { kind: "order_canceled", order_id: data.id } : undefined
    case "shipment.created":
      return data.id ? { kind: "order_shipped", fulfillment_id: data.id } : undefined
    case "delivery.created":
      return data.id ? { kind: "order_delivered", fulfillment_id: data.id } : undefined
    case "payment.refunded":
      return data.id ? { kind: "order_refunded", payment_id: data.id } : undefined
    case "order.return_requested":
    case "order.return_received":
      return data.order_id && data.return_id
        ? { kind: name === "order.return_requested" ? "return_requested" : "return_received", order_id: data.order_id, return_id: data.return_id }
        : undefined
  }
  return undefined
}

/** Store events that may start Customer Journeys: recorded and queued, never sent from here. */
export default async function journeyEventsHandler({ event, container }: SubscriberArgs<Data>) {
  const trigger = triggerOf(event.name, event.data)
  if (!trigger) return
  await recordJourneyEventsWorkflow(container).run({ input: trigger })
}

export const config: SubscriberConfig = {
  event: ["order.placed", "order.canceled", "shipment.created", "delivery.created", "payment.refunded", "order.return_requested", "order.return_received"],
  context: { subscriberId: "mailchimp-journey-events" },
}
