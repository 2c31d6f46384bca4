import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../modules/mailchimp-campaigns"
import type { IMailchimpCampaignsService } from "../../types/mailchimp-campaigns-module"
import { MAILCHIMP_JOURNEYS_MODULE } from "../../modules/mailchimp-journeys"
import type { IMailchimpJourneysService } from "../../types/mailchimp-journeys-module"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../types/mailchimp-segments-module"
import type { ErasedPeople } from "../../modules/mailchimp/erasure/erase-rows"

/** The people's campaign activity, segment rows and Customer Journey event rows go, in the modules the store runs. */
type People = ErasedPeople & { order_ids: string[] }

export const eraseActivityRowsStep = createStep("erase-mailchimp-activity-rows", async (people: People, { container }) => {
  const removed: Record<string, number> = {}
  if (container.hasRegistration(MAILCHIMP_CAMPAIGNS_MODULE)) {
    removed.email_activity = await container.resolve<IMailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE).eraseAddresses(people)
  }
  if (container.hasRegistration(MAILCHIMP_SEGMENTS_MODULE)) {
    removed.segment_members = await container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE).eraseAddresses(people)
  }
  if (container.hasRegistration(MAILCHIMP_JOURNEYS_MODULE)) {
    removed.journey_events = await container.resolve<IMailchimpJourneysService>(MAILCHIMP_JOURNEYS_MODULE).eraseJourneyEvents(people)
  }
  return new StepResponse(removed)
})
