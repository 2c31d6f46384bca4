import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueJobsStep } from "./steps/enqueue-jobs"
import { findUnfinishedWorkStep, FindUnfinishedWorkInput } from "./steps/find-unfinished-work"

/** Walks the rows whose Mailchimp work is not done and queues it again. */
export const reconcileWorkflow = createWorkflow("mailchimp-reconcile", (input: FindUnfinishedWorkInput) => {
  const jobs = findUnfinishedWorkStep(input)
  const queued = enqueueJobsStep(jobs)
  return new WorkflowResponse({ jobs, queued })
})
