import type { MedusaContainer } from "@medusajs/framework/types"
import { MAILCHIMP_JOURNEYS_MODULE } from "../../modules/mailchimp-journeys"
import type { IMailchimpJourneysService } from "../../types/mailchimp-journeys-module"
import type { EnqueueJobsInput } from "../steps/enqueue-jobs"

/**
 * The Customer Journey share of the reconciler: events recorded but still pending a while after their last change
 * (their job was lost with Redis, or gave up on a refusal that may pass). Each is queued again under its stable job
 * id; the job sends only while the row is pending, so a twin never sends twice. A page a run, after the walk's cursor.
 */
export async function unfinishedJourneyJobs(container: MedusaContainer, before: Date, limit: number): Promise<EnqueueJobsInput> {
  if (!container.hasRegistration(MAILCHIMP_JOURNEYS_MODULE)) return []
  const journeys = container.resolve<IMailchimpJourneysService>(MAILCHIMP_JOURNEYS_MODULE)
  const { rows } = await journeys.unfinishedJourneyEventPage(before, limit)
  return rows.map((r) => ({ name: "journey.event.send" as const, payload: { journey_event_id: r.id } }))
}
