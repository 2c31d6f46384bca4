import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueCommerceJobsStep } from "../steps/enqueue-commerce-jobs"
import { CommerceSyncRequest, requestCommerceSyncStep } from "../steps/request-commerce-sync"

/** A product or customer changed or went away: its Mailchimp copy is queued for an upsert or a delete. */
export const requestCommerceSyncWorkflow = createWorkflow(
  "mailchimp-request-commerce-sync",
  (input: { requests: CommerceSyncRequest[] }) => {
    const requested = requestCommerceSyncStep(input.requests)
    const jobs = transform({ requested }, ({ requested }) => requested.jobs)
    const queued = enqueueCommerceJobsStep(jobs)
    return new WorkflowResponse({ jobs, queued })
  }
)
