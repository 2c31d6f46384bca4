/** GET /admin/mailchimp/sales-channels: which Mailchimp store each sales channel goes to (docs/sales-channels.md). */
export type SalesChannelStoreView = {
  store_id: string
  name: string | null
  /** The store's currency; null: the Medusa store's default currency (no salesChannels option). */
  currency: string | null
  storefront_url: string | null
  audience_id: string
  /** The channels whose objects go to this store; null: every channel (no salesChannels option). */
  channel_ids: string[] | null
  /** The store's own sync row: whether Mailchimp holds it, and its last refusal. */
  status: "pending" | "synced" | "failed" | "skipped" | null
  note: string | null
  error: Record<string, unknown> | null
}

/** An object left out for its sales channel (not mapped, or none of its channels mapped), with the reason. */
export type SalesChannelSkipRow = {
  object_type: string
  object_id: string
  note: string | null
  updated_at: Date
}

/** One channel's Mailchimp store, as Settings → Mailchimp edits it (the salesChannels option's fields). */
export type SalesChannelMapping = {
  store_id: string
  name: string
  currency: string
  storefront_url: string | null
  /** null: the plugin's audience (default_audience_id). */
  audience_id: string | null
}

/** A Medusa sales channel and its Mailchimp store; `mapping` null: not sent (with a mapping in force). */
export type SalesChannelMappingRow = {
  id: string
  name: string
  mapping: SalesChannelMapping | null
}

export type SalesChannelsView = {
  /** Whether a mapping is in force (false: one store for every channel). */
  mapped: boolean
  /** Where the mapping in force comes from: saved in the admin, the salesChannels option, or none. */
  source: "saved" | "option" | null
  /** The plugin's audience: the one of a channel mapped without an audience of its own. */
  default_audience_id: string
  /** Every Medusa sales channel (at most 200) with its mapping. */
  channels: SalesChannelMappingRow[]
  /** When the mapping was last saved in the admin, and by whom (null: never). */
  updated_at: Date | string | null
  updated_by: string | null
  stores: SalesChannelStoreView[]
  /** How many objects were left out for their channel, and the latest of them (at most 100). */
  skipped_count: number
  skipped: SalesChannelSkipRow[]
}

export type AdminMailchimpSalesChannelsResponse = { sales_channels: SalesChannelsView }

/** POST /admin/mailchimp/sales-channels: the mapping saved; a channel now sent to a store that lacks its objects needs a backfill. */
export type AdminSaveSalesChannelMappingResponse = AdminMailchimpSalesChannelsResponse & {
  backfill_needed: boolean
  /** The channels the backfill is for (newly mapped, or moved to another store). */
  backfill_channels: string[]
}
