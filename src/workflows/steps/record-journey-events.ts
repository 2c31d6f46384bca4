import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_JOURNEYS_MODULE } from "../../modules/mailchimp-journeys"
import type { IMailchimpJourneysService, NewJourneyEvent } from "../../types/mailchimp-journeys-module"

/** Writes the events not recorded yet (unique per event and subject): a repeated store event records nothing. */
export const recordJourneyEventsStep = createStep("record-mailchimp-journey-events", async (rows: NewJourneyEvent[], { container }) => {
  const journeys = container.resolve<IMailchimpJourneysService>(MAILCHIMP_JOURNEYS_MODULE)
  return new StepResponse(rows.length ? await journeys.recordJourneyEvents(rows) : [])
})
