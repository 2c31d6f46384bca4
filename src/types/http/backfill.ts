import type { RowError, Timestamp } from "./common"

export type BackfillKindProgress = {
  kind: string
  status: string
  total: number
  sent: number
  done: number
  failed: number
  skipped: number
  retrying: number
  open_batches: number
}

/** Overall figures: done counts objects Mailchimp accepted, failed those it refused for good. */
export type BackfillProgress = {
  done: number
  failed: number
  skipped: number
  total: number
  percent: number
  rate_per_second: number
  seconds_left: number | null
  elapsed_seconds: number
}

export type BackfillReport = {
  id: string
  status: "running" | "completed" | "failed" | "canceled"
  objects: string[]
  since: Timestamp | null
  started_at: Timestamp
  finished_at: Timestamp | null
  progress: BackfillProgress
  kinds: BackfillKindProgress[]
  members: { consented: number; subscribed: number; refused: number }
  failures: { object_type: string; object_id: string; error: RowError; attempts: number }[]
  /** Promotions by sync status: a new run sends every one again, outside the batches (docs/promotions.md). */
  promotions: { synced: number; skipped: number; failed: number; pending: number }
  count_check: {
    ok: boolean
    kinds: Record<string, { store: number; mailchimp: number; expected: number; difference: number }>
    message: string
  } | null
}

/** POST /admin/mailchimp/backfill */
export type BackfillStart = { objects?: string[]; since?: string }

/** GET /admin/mailchimp/backfill (null before the first run) */
export type AdminBackfillResponse = { backfill: BackfillReport | null }

/** POST /admin/mailchimp/backfill: 202 with the new run, or 409 with the one running */
export type AdminStartBackfillResponse = { backfill: BackfillReport | null } | { type: "conflict"; message: string; backfill: BackfillReport | null }

/** POST /admin/mailchimp/purchase-profiles/rebuild */
export type AdminRebuildPurchaseProfilesResponse = { rebuild: { requested_at: Timestamp; queued: string } }
