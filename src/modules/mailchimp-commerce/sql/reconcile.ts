import type { ReconcileSource } from "../../mailchimp/sql/reconcile-walk"

/**
 * The reconciler's walk over pending sync rows (mailchimp/sql/reconcile-walk.ts), on the partial index
 * IDX_mailchimp_commerce_sync_pending (updated_at, id) WHERE status = 'pending' AND deleted_at IS NULL.
 */
export const PENDING_SYNCS: ReconcileSource = {
  cursor: "commerce_sync",
  cursorTable: "mailchimp_commerce_reconcile_cursor",
  table: "mailchimp_commerce_sync",
  unfinished: "status = 'pending' AND deleted_at IS NULL",
  columns: ["object_type", "object_id"],
}
