import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueJobsStep } from "./steps/enqueue-jobs"
import { RecordErasureInput, recordErasureStep } from "./steps/record-erasure"

/**
 * Erases a customer's (or an address's) newsletter data: gone from the store at once, archived or
 * permanently deleted in Mailchimp by a queued job that overtakes ordinary work.
 */
export const eraseNewsletterDataWorkflow = createWorkflow("mailchimp-erase-newsletter-data", (input: RecordErasureInput) => {
  const erasureIds = recordErasureStep(input)
  enqueueJobsStep(
    transform({ erasureIds }, ({ erasureIds }) =>
      erasureIds.map((id) => ({ name: "member.erase" as const, payload: { erasure_id: id } }))
    )
  )
  return new WorkflowResponse(erasureIds)
})
