import type { ReconcileSource } from "./reconcile-walk"

/**
 * The reconciler's walks over this module's unfinished rows (reconcile-walk.ts), each on its partial index
 * (updated_at, id) WHERE <unfinished> (Migration20261206060000).
 */
const source = (cursor: string, table: string, unfinished: string, columns: string[]): ReconcileSource => ({
  cursor,
  cursorTable: "mailchimp_reconcile_cursor",
  table,
  unfinished,
  columns,
})

/** Consents not yet in Mailchimp; a held one (retry_at ahead) is walked past (RETRY_DUE). */
export const PENDING_CONSENTS = source("consents", "mailchimp_consent", "sync_status = 'pending' AND deleted_at IS NULL", ["id", "action"])
/** A consent held back (Mailchimp's anti-abuse refusal) waits for its retry_at. Parameter: now. */
export const RETRY_DUE = "(retry_at IS NULL OR retry_at <= ?)"

export const PENDING_ERASURES = source("erasures", "mailchimp_erasure", "status = 'pending' AND deleted_at IS NULL", ["id"])

/** Linked members whose customer changed after their last sync. */
export const CUSTOMER_CHANGES = source(
  "customer_changes",
  "mailchimp_member",
  "customer_changed_at IS NOT NULL AND (customer_synced_at IS NULL OR customer_changed_at > customer_synced_at) AND deleted_at IS NULL",
  ["customer_id"]
)
/** customer.sync leaves archived members alone; only the store's audience. Parameter: audience id. */
export const SYNCABLE_MEMBER = "audience_id = ? AND customer_id IS NOT NULL AND status <> 'archived'"
