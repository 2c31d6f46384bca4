import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { requestCommerceSyncWorkflow } from "../workflows/commerce/request-commerce-sync"

/** E-commerce customers follow the store's customers. */
export default async function customerCommerceHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const action = event.name === "customer.deleted" ? "delete" : "upsert"
  await requestCommerceSyncWorkflow(container).run({
    input: { requests: [{ object_type: "customer", object_id: event.data.id, action }] },
  })
}

export const config: SubscriberConfig = {
  event: ["customer.created", "customer.updated", "customer.deleted"],
  context: { subscriberId: "mailchimp-customer-commerce" },
}
