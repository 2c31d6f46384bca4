import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { buildJourneyEventsStep, type JourneyTrigger } from "../steps/build-journey-events"
import { enqueueJobsStep, type EnqueueJobsInput } from "../steps/enqueue-jobs"
import { recordJourneyEventsStep } from "../steps/record-journey-events"

/**
 * A store event (after checkout, from a subscriber) becomes the merchant's Customer Journey events: recorded in
 * Postgres first, then one queued job per new row, carrying its id only.
 */
export const recordJourneyEventsWorkflow = createWorkflow("mailchimp-record-journey-events", (input: JourneyTrigger) => {
  const rows = buildJourneyEventsStep(input)
  const ids = recordJourneyEventsStep(rows)
  enqueueJobsStep(
    transform({ ids }, ({ ids }): EnqueueJobsInput => ids.map((journey_event_id) => ({ name: "journey.event.send" as const, payload: { journey_event_id } })))
  )
  return new WorkflowResponse(ids)
})
