import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueCartSyncStep } from "../steps/enqueue-cart-sync"
import { requestCartSyncStep } from "../steps/request-cart-sync"

/** Carts changed (lines, email, customer, region): their Mailchimp copies are queued, coalesced per cart. */
export const requestCartSyncWorkflow = createWorkflow("mailchimp-request-cart-sync", (input: { cart_ids: string[] }) => {
  const refs = requestCartSyncStep(input.cart_ids)
  const queued = enqueueCartSyncStep(refs)
  return new WorkflowResponse({ refs, queued })
})
