// GET and POST /admin/mailchimp/journeys (docs/journey-events.md).

export type JourneyEventView = {
  name: string
  label: string
  /** The Medusa event it comes from. */
  source: string
  enabled: boolean
  enabled_since: string | null
  sent_30d: number
  pending: number
  last_failure: string | null
  last_failure_at: string | null
}

export type JourneysView = {
  events: JourneyEventView[]
  nth_order: number
  spent_over: number
  site_script: boolean
  site_script_url: string | null
  site_script_error: string | null
}

export type AdminMailchimpJourneysResponse = { journeys: JourneysView }

export type JourneysChange = {
  events?: Record<string, boolean>
  nth_order?: number
  spent_over?: number
  site_script?: boolean
}
