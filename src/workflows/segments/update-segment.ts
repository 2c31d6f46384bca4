import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueJobsStep, EnqueueJobsInput } from "../steps/enqueue-jobs"
import { evaluateSegmentStep } from "../steps/evaluate-segment"
import { updateSegmentStep, UpdateSegmentInput } from "../steps/update-segment"

/** A segment changed: re-evaluated, and the difference (and a rename) queued for Mailchimp. */
export const updateSegmentWorkflow = createWorkflow("mailchimp-update-segment", (input: UpdateSegmentInput) => {
  const segment = updateSegmentStep(input)
  const evaluation = evaluateSegmentStep(segment)
  const jobs = transform({ segment }, ({ segment }): EnqueueJobsInput => [{ name: "segments.sync", payload: { segment_id: segment.id } }])
  enqueueJobsStep(jobs)
  return new WorkflowResponse({ id: segment.id, evaluation })
})
