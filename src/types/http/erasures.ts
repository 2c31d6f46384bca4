import type { Timestamp } from "./common"

/** An erasure as the admin API shows it: the hash, the dates, the outcome and the receipt; there is nothing else. */
export type ErasureView = {
  id: string
  // One erasure per audience the store used.
  audience_id: string
  subscriber_hash: string
  mode: string
  trigger: string
  requested_by: string | null
  requested_at: Timestamp
  status: string
  // "archived", "deleted" or "not_found" (Mailchimp held nothing to erase).
  outcome: string | null
  error: Record<string, unknown> | null
  erased_at: Timestamp | null
  history: unknown
  // What was removed where, in figures: { store: {table: rows}, queue: {jobs, events}, mailchimp: {...} }.
  receipt: Record<string, unknown> | null
}

/** GET /admin/mailchimp/erasures */
export type AdminErasureListResponse = { erasures: ErasureView[]; count: number; limit: number; offset: number }

/** POST /admin/mailchimp/erasures and /admin/mailchimp/customers/:id/erase (202) */
export type AdminEraseResponse = { erasures: ErasureView[] }
