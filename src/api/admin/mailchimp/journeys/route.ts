import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import { MAILCHIMP_JOURNEYS_MODULE } from "../../../../modules/mailchimp-journeys"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import type { IMailchimpJourneysService } from "../../../../types/mailchimp-journeys-module"
import { journeyView } from "./journey-view"
import type { AdminMailchimpJourneysResponse } from "../../../../types/http"
import type { AdminUpdateJourneySettingsType } from "./validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpJourneysResponse>) {
  const journeys = req.scope.resolve<IMailchimpJourneysService>(MAILCHIMP_JOURNEYS_MODULE)
  res.json({ journeys: await journeyView(journeys, req.scope) })
}

/** Turns events on (from now: orders placed before never send them) or off, and sets the thresholds. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateJourneySettingsType>, res: MedusaResponse<AdminMailchimpJourneysResponse>) {
  const journeys = req.scope.resolve<IMailchimpJourneysService>(MAILCHIMP_JOURNEYS_MODULE)
  const body = req.validatedBody
  const current = await journeys.journeyConfig()
  const enabled = { ...current.enabled }
  const now = new Date().toISOString()
  for (const [name, on] of Object.entries(body.events ?? {})) {
    // Off is null, not a missing key: the JSON column is merged on update, so a key left out would stay on.
    enabled[name as keyof typeof enabled] = on ? (enabled[name as keyof typeof enabled] ?? now) : null
  }
  const { events: _events, ...rest } = body
  await journeys.saveJourneyConfig({ ...rest, enabled })
  // Turning the site script on reads (or makes) the connected site through the queue.
  if (body.site_script) {
    await req.scope.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue().enqueue("journey.site.connect", { requested_at: now })
  }
  res.json({ journeys: await journeyView(journeys, req.scope) })
}
