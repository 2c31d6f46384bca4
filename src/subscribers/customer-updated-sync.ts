import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { syncCustomerChangesWorkflow } from "../workflows/sync-customer-changes"

/** Name, phone and email changes reach the customer's member (when they have one), coalesced. */
export default async function customerUpdatedSyncHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await syncCustomerChangesWorkflow(container).run({ input: { customer_ids: [event.data.id] } })
}

export const config: SubscriberConfig = {
  event: "customer.updated",
  context: { subscriberId: "mailchimp-customer-updated-sync" },
}
