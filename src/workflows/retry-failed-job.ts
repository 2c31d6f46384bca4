import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadFailedJobStep } from "./steps/load-failed-job"
import { reopenJobWorkStep } from "./steps/reopen-job-work"
import { retryQueueJobStep } from "./steps/retry-queue-job"

/** A failed job from the sync screen, run again from its first attempt (its row set back to "to do"). */
export const retryFailedMailchimpJobWorkflow = createWorkflow("retry-failed-mailchimp-job", (input: { id: string }) => {
  const job = loadFailedJobStep(input.id)
  const reopened = reopenJobWorkStep(job)
  retryQueueJobStep(input.id)
  return new WorkflowResponse({ job, reopened })
})
