import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { subscriberHash } from "../../mailchimp"
import type { GraphQuery } from "../../modules/mailchimp-commerce/store-data/query"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import { MAILCHIMP_JOURNEYS_MODULE } from "../../modules/mailchimp-journeys"
import type { JourneyEventName } from "../../modules/mailchimp-journeys/catalogue"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { IMailchimpJourneysService, NewJourneyEvent } from "../../types/mailchimp-journeys-module"

/** What happened in the store, by the ids Medusa's event carried. */
export type JourneyTrigger =
  | { kind: "order_placed" | "order_canceled"; order_id: string }
  | { kind: "order_shipped" | "order_delivered"; fulfillment_id: string }
  | { kind: "order_refunded"; payment_id: string }
  | { kind: "return_requested" | "return_received"; order_id: string; return_id: string }

const ORDER_FIELDS = ["id", "display_id", "email", "currency_code", "total", "created_at", "canceled_at", "items.product_title"]

const money = (n: unknown) => (Number(n) || 0).toFixed(2)
const productNames = (order: any) =>
  [...new Set(((order.items ?? []) as any[]).map((i) => i?.product_title).filter(Boolean))].join(", ").slice(0, 500)

function orderProperties(order: any): Record<string, string> {
  return {
    order_id: String(order.id),
    order_number: String(order.display_id ?? ""),
    order_total: money(order.total),
    currency: String(order.currency_code ?? "").toUpperCase(),
    product_names: productNames(order),
  }
}

async function readOrder(query: GraphQuery, id: string) {
  const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id } })
  return data[0]
}

async function orderOfFulfillment(query: GraphQuery, fulfillmentId: string) {
  const { data } = await query.graph({ entity: "order_fulfillment", fields: ["order_id"], filters: { fulfillment_id: fulfillmentId } })
  return data[0]?.order_id as string | undefined
}

/**
 * Which of the merchant's events a store event makes, with their subjects and properties; nothing for an order
 * placed before the event was turned on (the backfill's history never makes events) or without an address.
 */
export const buildJourneyEventsStep = createStep("build-mailchimp-journey-events", async (trigger: JourneyTrigger, { container }) => {
  const journeys = container.resolve<IMailchimpJourneysService>(MAILCHIMP_JOURNEYS_MODULE)
  const config = await journeys.journeyConfig()
  const on = (name: JourneyEventName) => config.enabled[name]
  if (!Object.values(config.enabled).some(Boolean)) return new StepResponse([] as NewJourneyEvent[])
  const query = container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  const out: NewJourneyEvent[] = []
  let order: any
  const push = (name: JourneyEventName, subject: string, properties: Record<string, string>) => {
    const since = on(name)
    if (!since || !order?.email || new Date(order.created_at) < new Date(since)) return
    out.push({
      event: name,
      subject_id: subject,
      order_id: order.id,
      email_hash: subscriberHash(order.email),
      properties,
      occurred_at: new Date(),
    })
  }

  switch (trigger.kind) {
    case "order_placed": {
      order = await readOrder(query, trigger.order_id)
      if (!order) break
      const hash = order.email ? subscriberHash(order.email) : ""
      push("order_placed", order.id, orderProperties(order))
      if (on("first_order") || on("nth_order") || on("spent_over")) {
        // The buyer's orders so far (by address), this one included; canceled ones do not count.
        const { data } = await query.graph({ entity: "order", fields: ["id", "total", "created_at", "canceled_at"], filters: { email: order.email } })
        const upTo = data.filter((o: any) => !o.canceled_at && new Date(o.created_at) <= new Date(order.created_at))
        const count = upTo.length
        const spent = upTo.reduce((sum: number, o: any) => sum + (Number(o.total) || 0), 0)
        if (count === 1) push("first_order", hash, orderProperties(order))
        if (count === config.nth_order) push("nth_order", `${hash}:${config.nth_order}`, { ...orderProperties(order), order_count: String(count) })
        const before = spent - (Number(order.total) || 0)
        if (before < config.spent_over && spent >= config.spent_over) {
          push("spent_over", `${hash}:${config.spent_over}`, { ...orderProperties(order), total_spent: money(spent), threshold: String(config.spent_over) })
        }
      }
      if (on("cart_recovered")) {
        const { data } = await query.graph({ entity: "order", fields: ["id", "cart.id"], filters: { id: order.id } }).catch(() => ({ data: [] as any[] }))
        const cartId = data[0]?.cart?.id
        if (cartId) {
          const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
          const [cart] = await commerce.listCommerceCarts({ cart_id: cartId }, { take: 1 })
          if (cart?.recovered_at) push("cart_recovered", order.id, orderProperties(order))
        }
      }
      break
    }
    case "order_canceled": {
      order = await readOrder(query, trigger.order_id)
      if (order) push("order_canceled", order.id, orderProperties(order))
      break
    }
    case "order_shipped":
    case "order_delivered": {
      const orderId = await orderOfFulfillment(query, trigger.fulfillment_id)
      order = orderId ? await readOrder(query, orderId) : undefined
      if (!order) break
      const { data } = await query.graph({ entity: "fulfillment", fields: ["id", "labels.tracking_number", "labels.tracking_url"], filters: { id: trigger.fulfillment_id } })
      const label = data[0]?.labels?.[0]
      push(trigger.kind, trigger.fulfillment_id, {
        ...orderProperties(order),
        tracking_number: String(label?.tracking_number ?? ""),
        tracking_url: String(label?.tracking_url ?? ""),
      })
      break
    }
    case "order_refunded": {
      const { data } = await query.graph({ entity: "payment", fields: ["id", "payment_collection_id", "refunds.id", "refunds.amount", "refunds.created_at"], filters: { id: trigger.payment_id } })
      const payment = data[0]
      if (!payment?.payment_collection_id) break
      const { data: links } = await query.graph({ entity: "order_payment_collection", fields: ["order_id"], filters: { payment_collection_id: payment.payment_collection_id } })
      order = links[0]?.order_id ? await readOrder(query, links[0].order_id) : undefined
      const refunds = [...(payment.refunds ?? [])].sort((a: any, b: any) => String(a.created_at).localeCompare(String(b.created_at)))
      const latest = refunds[refunds.length - 1]
      if (order && latest) push("order_refunded", latest.id, { ...orderProperties(order), refund_amount: money(latest.amount) })
      break
    }
    case "return_requested":
    case "return_received": {
      order = await readOrder(query, trigger.order_id)
      if (order) push(trigger.kind, trigger.return_id, { ...orderProperties(order), return_id: trigger.return_id })
      break
    }
  }
  return new StepResponse(out)
})
