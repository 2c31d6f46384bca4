import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueJobsStep } from "./steps/enqueue-jobs"
import { RecordErasureInput, recordErasureStep } from "./steps/record-erasure"
import { settleErasedCommerceWritesStep } from "./steps/settle-erased-commerce-writes"

/**
 * Erases a customer's (or an address's) newsletter data: gone from the store at once, archived or
 * permanently deleted in Mailchimp by a queued job that overtakes ordinary work. E-commerce writes
 * queued before it, which would bring the address back as a contact, are skipped.
 */
export const eraseNewsletterDataWorkflow = createWorkflow("mailchimp-erase-newsletter-data", (input: RecordErasureInput) => {
  const recorded = recordErasureStep(input)
  const erasureIds = transform({ recorded }, ({ recorded }) => recorded.erasure_ids)
  settleErasedCommerceWritesStep(
    transform({ recorded, input }, ({ recorded, input }) => ({ emails: recorded.addresses, customer_id: input.customer_id ?? null }))
  )
  enqueueJobsStep(
    transform({ erasureIds }, ({ erasureIds }) =>
      erasureIds.map((id) => ({ name: "member.erase" as const, payload: { erasure_id: id } }))
    )
  )
  return new WorkflowResponse(erasureIds)
})
