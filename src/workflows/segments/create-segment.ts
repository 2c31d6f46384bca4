import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createSegmentStep, CreateSegmentInput } from "../steps/create-segment"
import { enqueueJobsStep, EnqueueJobsInput } from "../steps/enqueue-jobs"
import { evaluateSegmentStep } from "../steps/evaluate-segment"

/** A new segment: stored, evaluated, and its sync to Mailchimp (a static segment) queued. */
export const createSegmentWorkflow = createWorkflow("mailchimp-create-segment", (input: CreateSegmentInput) => {
  const segment = createSegmentStep(input)
  const evaluation = evaluateSegmentStep(segment)
  const jobs = transform({ segment }, ({ segment }): EnqueueJobsInput => [{ name: "segments.sync", payload: { segment_id: segment.id } }])
  enqueueJobsStep(jobs)
  return new WorkflowResponse({ id: segment.id, evaluation })
})
