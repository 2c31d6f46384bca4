import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { requestCartSyncWorkflow } from "./request-cart-sync"
import { CartSourceInput, recordCartSourceStep } from "../steps/record-cart-source"

/** The storefront reported where the shopper came from: kept, and the cart's Mailchimp copy follows. */
export const recordCartSourceWorkflow = createWorkflow("mailchimp-record-cart-source", (input: CartSourceInput) => {
  // Only a cart of the store: an unknown id is a 404, and nothing is recorded for it.
  useQueryGraphStep({
    entity: "cart",
    fields: ["id"],
    filters: { id: input.cart_id },
    options: { throwIfKeyNotFound: true, isList: false },
  }).config({ name: "get-mailchimp-source-cart" })
  const source = recordCartSourceStep(input)
  requestCartSyncWorkflow.runAsStep({ input: { cart_ids: [input.cart_id] } })
  return new WorkflowResponse(source)
})
