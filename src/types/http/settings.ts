import type { Problem, Timestamp } from "./common"

export type MergeFieldNames = { first_name: string; last_name: string; phone: string; address: string }

/** The settings a merchant may change in the admin (over the plugin's options). */
export type EditableSettings = {
  audience_id: string
  double_opt_in: "audience" | "on" | "off"
  checkout_label: string
  tags: string[]
  merge_fields: MergeFieldNames
  /** The audience's interest categories (ids) a shopper may choose from with an opt-in. */
  interest_categories: string[]
}

/** POST /admin/mailchimp/settings: a field set to null goes back to the configured option. */
export type SettingsChange = { [K in keyof EditableSettings]?: EditableSettings[K] | null }

export type AudienceFigures = {
  id: string
  name: string
  double_optin: boolean
  member_count: number
  unsubscribe_count: number
  cleaned_count: number
}

/** One audience's webhook (each audience the plugin uses has its own). */
export type AudienceWebhookState = {
  audience_id: string
  url: string | null
  registered: boolean
  webhook_id: string | null
  previous_secret_until: Timestamp | null
  registered_at: Timestamp | null
  events: Record<string, unknown> | null
  sources: Record<string, unknown> | null
}

/** The plugin's own audience's webhook at the top level (as before), every audience's in `audiences`. */
export type WebhookState = Omit<AudienceWebhookState, "audience_id"> & {
  configured: boolean
  audiences: AudienceWebhookState[]
  deliveries: { by_type: Record<string, number>; by_status: Record<string, number>; last_received_at: Timestamp | null }
}

export type ConnectionState = {
  ok: boolean
  health_status: string | null
  account: { id: string; name: string } | null
  api_key: string
  data_center: string | null
  api_url: string | null
  error: Problem | null
}

export type MailchimpSettingsView = {
  connection: ConnectionState
  audience: (AudienceFigures & { error: null }) | { id: string; error: Problem }
  settings: EditableSettings
  defaults: EditableSettings
  overridden: (keyof EditableSettings)[]
  updated_at: Timestamp | null
  updated_by: string | null
  webhook: WebhookState
}

/** GET and POST /admin/mailchimp/settings */
export type AdminMailchimpSettingsResponse = { mailchimp: MailchimpSettingsView }

/** GET /admin/mailchimp/audiences */
export type AdminMailchimpAudiencesResponse = {
  audiences: AudienceFigures[]
  count: number
  limit: number
  offset: number
  current: string
}

/** GET /admin/mailchimp/interest-categories */
export type AdminMailchimpInterestsResponse = {
  interests: {
    audience_id: string
    categories: { id: string; title: string; type: string; offered: boolean }[]
    /** Offered categories the audience no longer has. */
    missing_categories: string[]
    marketing_permissions: { id: string; text: string }[]
    /** Why no marketing permission is offered; null when some are. */
    marketing_permissions_note: string | null
  }
}

/** GET /admin/mailchimp/webhook */
export type AdminMailchimpWebhookResponse = { webhook: WebhookState }
