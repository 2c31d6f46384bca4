/**
 * The store events a merchant can turn into Mailchimp member events. Names are stable (journeys in Mailchimp are
 * built on them) and follow Mailchimp's rule: 2-30 characters of letters, digits, `_` and `-`.
 */
export const JOURNEY_EVENTS = [
  { name: "order_placed", label: "Order placed", source: "order.placed" },
  { name: "order_shipped", label: "Order shipped", source: "shipment.created" },
  { name: "order_delivered", label: "Order delivered", source: "delivery.created" },
  { name: "order_canceled", label: "Order canceled", source: "order.canceled" },
  { name: "order_refunded", label: "Order refunded", source: "payment.refunded" },
  { name: "return_requested", label: "Return requested", source: "order.return_requested" },
  { name: "return_received", label: "Return received", source: "order.return_received" },
  { name: "first_order", label: "First order", source: "order.placed" },
  { name: "nth_order", label: "N-th order", source: "order.placed" },
  { name: "spent_over", label: "Spent more than X in total", source: "order.placed" },
  { name: "cart_recovered", label: "Cart recovered", source: "order.placed" },
] as const

export type JourneyEventName = (typeof JOURNEY_EVENTS)[number]["name"]

export const JOURNEY_EVENT_NAMES = JOURNEY_EVENTS.map((e) => e.name) as JourneyEventName[]

/** Mailchimp's rule for an event name (catalogue row J1). */
export const MAILCHIMP_EVENT_NAME = /^[A-Za-z0-9_-]{2,30}$/

export const JOURNEY_SETTINGS_ID = "mcjs_store"
