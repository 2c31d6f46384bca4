import type { Timestamp } from "./common"

/** One condition as the server's schema takes it (src/modules/mailchimp-segments/rules/conditions.ts). */
export type SegmentCondition =
  | { type: "orders_count" | "total_spent" | "average_order"; op: "gt" | "gte" | "lt" | "lte" | "eq"; value: number }
  | { type: "first_order_date" | "last_order_date" | "customer_created"; op: "within_days" | "more_than_days_ago"; days: number }
  | {
      type: "bought" | "not_bought"
      item: "product" | "variant" | "category" | "collection"
      ids: string[]
      within_days?: number
    }
  | { type: "country"; op: "in" | "not_in"; countries: string[] }
  | { type: "customer_group"; op: "in" | "not_in"; group_ids: string[] }
  | { type: "has_account"; value: boolean }
  | { type: "engagement"; action: "opened" | "clicked" | "never_opened"; campaign_id?: string; within_days?: number }

export type SegmentMatch = "all" | "any"

export type SegmentDefinition = { match: SegmentMatch; conditions: SegmentCondition[] }

/** POST /admin/mailchimp/segments and /segments/:id (body) */
export type SegmentBody = { name: string; audience_id?: string; match: SegmentMatch; conditions: SegmentCondition[] }

/** A segment as the admin is shown it: the definition, member counts and the state of the Mailchimp copy. */
export type Segment = {
  id: string
  name: string
  /** The audience it is evaluated in and its static segment lives in. */
  audience_id: string
  match: SegmentMatch
  conditions: SegmentCondition[]
  member_count: number
  evaluated_at: Timestamp | null
  mailchimp_segment_id: string | null
  mailchimp_member_count: number
  pending_changes: number
  failed_members: number
  sync_status: "pending" | "synced" | "failed"
  last_synced_at: Timestamp | null
  error: { title?: string; detail?: string; status?: number | null } | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type SegmentPreview = { count: number; sample: { email: string; customer_id: string | null }[] }

/** GET /admin/mailchimp/segments */
export type AdminSegmentListResponse = {
  segments: Segment[]
  count: number
  limit: number
  offset: number
  /** The audiences a segment may be on: the plugin's first, then the sales channels' stores' (docs/sales-channels.md). */
  audience_ids: string[]
}

/** GET, POST /admin/mailchimp/segments/:id and POST /admin/mailchimp/segments */
export type AdminSegmentResponse = { segment: Segment }

/** DELETE /admin/mailchimp/segments/:id */
export type AdminSegmentDeleteResponse = { id: string; object: "mailchimp_segment"; deleted: true }

/** POST /admin/mailchimp/segments/:id/sync */
export type AdminSegmentSyncResponse = { segment: Segment; queued: unknown }

/** POST /admin/mailchimp/segments/preview */
export type AdminSegmentPreviewResponse = { preview: SegmentPreview }
