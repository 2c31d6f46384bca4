import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { softDeleteSegmentStep } from "../steps/delete-segment"
import { enqueueJobsStep, EnqueueJobsInput } from "../steps/enqueue-jobs"

/** A segment deleted in the store; the deletion of its Mailchimp copy is queued. */
export const deleteSegmentWorkflow = createWorkflow("mailchimp-delete-segment", (input: { id: string }) => {
  const segment = softDeleteSegmentStep(input)
  const jobs = transform({ segment }, ({ segment }): EnqueueJobsInput => [{ name: "segments.delete", payload: { segment_id: segment.id } }])
  const queued = enqueueJobsStep(jobs)
  return new WorkflowResponse({ id: segment.id, queued })
})
