import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { giveUpJobWorkStep } from "./steps/give-up-job-work"
import { loadFailedJobStep } from "./steps/load-failed-job"
import { removeQueueJobStep } from "./steps/remove-queue-job"

/** A failed job removed from the queue; its row stays failed, so nothing sends it again. */
export const discardFailedMailchimpJobWorkflow = createWorkflow(
  "discard-failed-mailchimp-job",
  (input: { id: string; discarded_by: string | null }) => {
    const job = loadFailedJobStep(input.id)
    const giveUp = transform({ job, input }, ({ job, input }) => ({ job, discarded_by: input.discarded_by }))
    const marked = giveUpJobWorkStep(giveUp)
    removeQueueJobStep(input.id)
    return new WorkflowResponse({ job, marked })
  }
)
