import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { recordCartRecoveryStep } from "../steps/record-cart-recovery"

/** A shopper opened a cart's recovery link: the cart it names, when the link is good, and the use recorded. */
export const recoverCartWorkflow = createWorkflow("mailchimp-recover-cart", (input: { token: string }) => {
  return new WorkflowResponse(recordCartRecoveryStep(input.token))
})
