/**
 * The reconciler's walk over pending sync rows: a page a run, after a cursor that persists across runs, on the partial
 * index IDX_mailchimp_commerce_sync_pending (updated_at, id) WHERE status = 'pending' AND deleted_at IS NULL.
 */

/** The cursor's row, made once. Parameter: id. */
export const ENSURE_RECONCILE_CURSOR = `
INSERT INTO mailchimp_commerce_reconcile_cursor (id, laps) VALUES (?, 0) ON CONFLICT (id) DO NOTHING`

/** The cursor, held for the transaction: two reconcilers at once take turns. The time as text keeps its microseconds. Parameter: id. */
export const LOCK_RECONCILE_CURSOR = `
SELECT after_at::timestamptz::text AS after_at, after_id, laps FROM mailchimp_commerce_reconcile_cursor WHERE id = ? FOR UPDATE`

/**
 * Pending rows untouched since `before`, oldest first: an index range scan that stops at the LIMIT, whatever the size
 * of the table. UNFINISHED_SYNC_PAGE from the start (parameters: before, limit), UNFINISHED_SYNC_PAGE_AFTER after the
 * cursor (parameters: before, cursor time, cursor id, limit).
 */
// The time goes out as text (at_text, not named updated_at: ORDER BY would take the alias and sort text).
const unfinishedSyncPage = (afterCursor: boolean) => `
SELECT object_type, object_id, id, updated_at::text AS at_text FROM mailchimp_commerce_sync
WHERE status = 'pending' AND deleted_at IS NULL AND updated_at <= ?${afterCursor ? " AND (updated_at, id) > (?::timestamptz, ?::text)" : ""}
ORDER BY updated_at, id LIMIT ?`
export const UNFINISHED_SYNC_PAGE = unfinishedSyncPage(false)
export const UNFINISHED_SYNC_PAGE_AFTER = unfinishedSyncPage(true)

/** Moves the cursor (null: back to the start, one lap more). Parameters: after_at, after_id, lap increment, id. */
export const MOVE_RECONCILE_CURSOR = `
UPDATE mailchimp_commerce_reconcile_cursor SET after_at = ?, after_id = ?, laps = laps + ?, updated_at = now() WHERE id = ?`

/** Where the walk stands, for the sync screen and the tests. Parameter: id. */
export const READ_RECONCILE_CURSOR = `SELECT after_id, laps FROM mailchimp_commerce_reconcile_cursor WHERE id = ?`

/** The id of the cursor over mailchimp_commerce_sync's pending rows. */
export const RECONCILE_SYNC_CURSOR = "commerce_sync"
