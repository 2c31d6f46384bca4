import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueJobsStep, EnqueueJobsInput } from "../steps/enqueue-jobs"
import { markSegmentsPendingStep } from "../steps/mark-segments-pending"

/** Segments (the given ones, or every one) re-evaluated in full and synced: one queued job each. */
export const syncSegmentsWorkflow = createWorkflow("mailchimp-sync-segments", (input: { ids?: string[] }) => {
  const ids = markSegmentsPendingStep(input)
  const jobs = transform({ ids }, ({ ids }): EnqueueJobsInput => ids.map((segment_id) => ({ name: "segments.sync" as const, payload: { segment_id } })))
  const queued = enqueueJobsStep(jobs)
  return new WorkflowResponse({ ids, queued })
})
