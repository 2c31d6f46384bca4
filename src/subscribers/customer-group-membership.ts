import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { syncCustomerChangesWorkflow } from "../workflows/sync-customer-changes"

// Medusa 2.21's customer-group workflows emit no event of their own; the customer module emits
// these for its rows (`{ id }` of the row, or a list of them).
export const MEMBERSHIP_CREATED = "customer.customer-group-customer.created"
const SWEEP_EVENTS = [
  "customer.customer-group-customer.deleted",
  "customer.customer-group.updated",
  "customer.customer-group.deleted",
]

/** Group membership becomes Mailchimp tags for customers who have a member in the audience. */
export default async function customerGroupMembershipHandler({
  event,
  container,
}: SubscriberArgs<{ id: string | string[] }>) {
  const ids = Array.isArray(event.data.id) ? event.data.id : [event.data.id]
  const input =
    event.name === MEMBERSHIP_CREATED ? { membership_ids: ids.filter(Boolean) } : { sweep: true }
  await syncCustomerChangesWorkflow(container).run({ input })
}

export const config: SubscriberConfig = {
  event: [MEMBERSHIP_CREATED, ...SWEEP_EVENTS],
  context: { subscriberId: "mailchimp-customer-group-membership" },
}
