import type { Timestamp } from "./common"

/** A job BullMQ gave up on (its payload holds ids only). */
export type FailedJob = {
  id: string
  name: string
  data: Record<string, unknown>
  failed_reason: string
  attempts_made: number
  created_at: Timestamp
  failed_at: Timestamp | null
}

export type QueueFigures = {
  waiting: number | null
  active: number | null
  delayed: number | null
  failed: number | null
  completed: number | null
  available: boolean
  error: string | null
}

/** Reports of runs before skipped rows were counted have no skipped figures. */
export type ReconcilerKind = {
  found: number
  queued: number
  already_queued: number
  unavailable: number
  skipped?: number
  skipped_reasons?: Record<string, number>
}

export type ReconcilerRun = {
  started_at: Timestamp
  finished_at: Timestamp
  duration_ms: number
  outcome: "ok" | "failed"
  // found = queued + already_queued + unavailable + skipped, in total and per job kind (src/workflows/reconcile-report.ts)
  result: {
    found?: Record<string, number>
    queued?: number
    already_queued?: number
    unavailable?: number
    skipped?: number
    kinds?: Record<string, ReconcilerKind>
  } | null
  error: string | null
}

export type SyncView = {
  queue: QueueFigures
  failed_jobs: FailedJob[]
  failed_offset: number
  failed_limit: number
  reconciler: { schedule: string; after_seconds: number; last_run: ReconcilerRun | null }
  consents: { pending: number; failed: number }
  webhook_events: { waiting: number; failed: number }
  /** Abandoned carts (docs/carts.md): Mailchimp's copies, and orders placed after a recovery link was used. */
  carts: CartFigures
}

export type CartFigures = {
  enabled: boolean
  in_mailchimp: number
  pending: number
  recovered: number
  recovered_revenue: number
  currency_code: string | null
}

/** GET /admin/mailchimp/sync */
export type AdminMailchimpSyncResponse = { sync: SyncView }

/** POST /admin/mailchimp/sync/jobs/:id/retry and …/discard */
export type AdminMailchimpJobActionResponse = {
  job: { id: string; name: string } & ({ retried: true; row_reopened: boolean } | { discarded: true; row_marked_failed: boolean })
}
