import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueFoundWorkStep } from "./steps/enqueue-found-work"
import { findUnfinishedWorkStep, FindUnfinishedWorkInput } from "./steps/find-unfinished-work"

/** Walks the rows whose Mailchimp work is not done and queues it again. */
export const reconcileWorkflow = createWorkflow("mailchimp-reconcile", (input: FindUnfinishedWorkInput) => {
  const jobs = findUnfinishedWorkStep(input)
  const queued = enqueueFoundWorkStep(jobs)
  return new WorkflowResponse({ jobs, queued })
})
