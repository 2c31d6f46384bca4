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

export type SalesChannelsView = {
  /** Whether the salesChannels option is set (false: one store for every channel). */
  mapped: boolean
  stores: SalesChannelStoreView[]
  /** How many objects were left out for their channel, and the latest of them (at most 100). */
  skipped_count: number
  skipped: SalesChannelSkipRow[]
}

export type AdminMailchimpSalesChannelsResponse = { sales_channels: SalesChannelsView }
