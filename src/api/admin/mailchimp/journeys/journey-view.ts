import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { JOURNEY_EVENTS } from "../../../../modules/mailchimp-journeys/catalogue"
import type { IMailchimpJourneysService } from "../../../../types/mailchimp-journeys-module"

type Pg = { raw(sql: string, bindings?: unknown[]): Promise<{ rows: any[] }> }

// Per event: sent in the last 30 days, and the last failure (a row of this module's own table).
const FIGURES = `
SELECT e.event,
       count(*) FILTER (WHERE e.status = 'sent' AND e.sent_at > now() - interval '30 days')::int AS sent_30d,
       count(*) FILTER (WHERE e.status = 'pending')::int AS pending,
       (SELECT f.reason FROM mailchimp_journey_event f WHERE f.event = e.event AND f.status = 'failed' AND f.deleted_at IS NULL ORDER BY f.updated_at DESC LIMIT 1) AS last_failure,
       (SELECT max(f.updated_at) FROM mailchimp_journey_event f WHERE f.event = e.event AND f.status = 'failed' AND f.deleted_at IS NULL) AS last_failure_at
FROM mailchimp_journey_event e
WHERE e.deleted_at IS NULL
GROUP BY e.event`

/** What Settings → Mailchimp › Customer Journey events shows. */
export async function journeyView(journeys: IMailchimpJourneysService, container: MedusaContainer) {
  const config = await journeys.journeyConfig()
  const { rows } = await container.resolve<Pg>(ContainerRegistrationKeys.PG_CONNECTION).raw(FIGURES)
  const figures = new Map(rows.map((r) => [r.event as string, r]))
  return {
    events: JOURNEY_EVENTS.map((e) => {
      const f = figures.get(e.name)
      return {
        name: e.name,
        label: e.label,
        source: e.source,
        enabled: !!config.enabled[e.name],
        enabled_since: config.enabled[e.name] ?? null,
        sent_30d: f?.sent_30d ?? 0,
        pending: f?.pending ?? 0,
        last_failure: f?.last_failure ?? null,
        last_failure_at: f?.last_failure_at ? new Date(f.last_failure_at).toISOString() : null,
      }
    }),
    nth_order: config.nth_order,
    spent_over: config.spent_over,
    site_script: config.site_script,
    site_script_url: config.site_script_url,
    site_script_error: config.site_script_error,
  }
}
