import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueJobsStep } from "./steps/enqueue-jobs"
import { CustomersChangedInput, markCustomersChangedStep } from "./steps/mark-customers-changed"

/** A customer's profile, email or groups changed: a coalesced sync job for those with a member. */
export const syncCustomerChangesWorkflow = createWorkflow(
  "mailchimp-sync-customer-changes",
  (input: CustomersChangedInput) => {
    const jobs = markCustomersChangedStep(input)
    const queued = enqueueJobsStep(jobs)
    return new WorkflowResponse({ jobs, queued })
  }
)
