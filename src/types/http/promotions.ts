/** GET /admin/mailchimp/promotions: how the store's promotions stand in Mailchimp (docs/promotions.md). */
export type PromotionSyncRow = {
  promotion_id: string
  /** The promotion's code; null when the promotion is gone. */
  code: string | null
  status: "pending" | "synced" | "failed" | "skipped"
  /** Why it was skipped, or what the last write did. */
  note: string | null
  /** Mailchimp's words when it refused. */
  error: Record<string, unknown> | null
  updated_at: Date
}

export type PromotionsSyncView = {
  counts: { synced: number; skipped: number; failed: number; pending: number }
  /** Skipped and failed promotions first, newest change first (at most 100). */
  rows: PromotionSyncRow[]
}

export type AdminMailchimpPromotionsResponse = { promotions: PromotionsSyncView }
