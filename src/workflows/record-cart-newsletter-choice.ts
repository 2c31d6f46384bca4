import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveCartNewsletterChoiceStep, SaveCartNewsletterChoiceInput } from "./steps/save-cart-newsletter-choice"

export const recordCartNewsletterChoiceWorkflow = createWorkflow(
  "mailchimp-record-cart-newsletter-choice",
  (input: SaveCartNewsletterChoiceInput) => {
    const choice = saveCartNewsletterChoiceStep(input)
    return new WorkflowResponse(choice)
  }
)
