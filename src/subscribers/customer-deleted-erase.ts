import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { eraseNewsletterDataWorkflow } from "../workflows/erase-newsletter-data"

/** A deleted customer's newsletter data goes too: their members and consents, in the store and in Mailchimp. */
export default async function customerDeletedEraseHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await eraseNewsletterDataWorkflow(container).run({
    input: { customer_id: event.data.id, trigger: "customer_deleted" },
  })
}

export const config: SubscriberConfig = {
  event: "customer.deleted",
  context: { subscriberId: "mailchimp-customer-deleted-erase" },
}
