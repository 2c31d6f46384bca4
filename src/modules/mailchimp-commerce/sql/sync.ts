/** Sync rows: one per Mailchimp object, moved by live changes, by jobs and by backfill results. */

/** Marks objects as wanting a write (json array of {id, object_type, object_id, action}); answers their revision. */
export const REQUEST_SYNC = `
INSERT INTO mailchimp_commerce_sync AS s (id, object_type, object_id, action, status, requested_at, revision, attempts, created_at, updated_at)
SELECT r.id, r.object_type, r.object_id, r.action, 'pending', now(), 1, 0, now(), now()
FROM jsonb_to_recordset(?::jsonb) AS r(id text, object_type text, object_id text, action text)
ON CONFLICT (object_type, object_id) WHERE deleted_at IS NULL DO UPDATE SET
  action = excluded.action, status = 'pending', requested_at = now(), revision = s.revision + 1,
  error = NULL, note = NULL, updated_at = now()
RETURNING s.object_type, s.object_id, s.revision`

/**
 * Ends a write: lands only if no newer request came in meanwhile (same revision). Parameters:
 * status, remote_exists, error, note, payload_hash, object_type, object_id, revision.
 */
export const COMPLETE_SYNC = `
UPDATE mailchimp_commerce_sync SET status = ?, remote_exists = ?, error = ?::jsonb, note = ?,
  payload_hash = coalesce(?, payload_hash), attempts = attempts + 1, synced_at = now(), updated_at = now()
WHERE object_type = ? AND object_id = ? AND revision = ? AND deleted_at IS NULL
RETURNING id`

/** A retryable failure: the row stays pending, with the reason. Parameters: error, object_type, object_id. */
export const NOTE_SYNC_ATTEMPT = `
UPDATE mailchimp_commerce_sync SET attempts = attempts + 1, error = ?::jsonb, updated_at = now()
WHERE object_type = ? AND object_id = ? AND deleted_at IS NULL`

/** Records that Mailchimp holds (or does not hold) an object, whatever the row's state. */
export const SET_REMOTE_EXISTS = `
UPDATE mailchimp_commerce_sync SET remote_exists = ?, updated_at = now()
WHERE object_type = ? AND object_id = ? AND deleted_at IS NULL`

/**
 * The Mailchimp store is gone, and Mailchimp deletes a store's customers, products, orders, promo rules and carts with it:
 * none of them is held any more (their next write creates them; a backfill sends them all, carts excepted: a cart goes
 * again when it changes). Parameters: none.
 */
export const FORGET_STORE_OBJECTS = `
UPDATE mailchimp_commerce_sync SET remote_exists = false, updated_at = now()
WHERE object_type IN ('product', 'customer', 'order', 'promo', 'cart') AND remote_exists AND deleted_at IS NULL`

/**
 * Backfill results for one object type (json array of {id, object_id, status, error, note,
 * remote_exists}). A row a live change made pending after the batch was built (requested_at >
 * the batch's submitted_at) is left pending: its own job sends the newer state.
 * Parameters: results json, object_type, run id, submitted_at.
 */
export const RECORD_BATCH_RESULTS = `
INSERT INTO mailchimp_commerce_sync AS s (id, object_type, object_id, action, status, remote_exists, requested_at,
  revision, synced_at, attempts, error, note, backfill_run_id, created_at, updated_at)
SELECT r.id, t.object_type, r.object_id, 'upsert', r.status, r.remote_exists, now(), 0, now(), 1, r.error, r.note, t.run_id, now(), now()
FROM jsonb_to_recordset(?::jsonb) AS r(id text, object_id text, status text, error jsonb, note text, remote_exists boolean)
CROSS JOIN (SELECT ?::text AS object_type, ?::text AS run_id) t
ON CONFLICT (object_type, object_id) WHERE deleted_at IS NULL DO UPDATE SET
  status = excluded.status, remote_exists = excluded.remote_exists OR s.remote_exists, synced_at = now(),
  attempts = s.attempts + 1, error = excluded.error, note = excluded.note,
  backfill_run_id = excluded.backfill_run_id, updated_at = now()
WHERE s.status <> 'pending' OR s.requested_at <= (SELECT ?::timestamptz)`

/**
 * Which of these objects (of one type or several) Mailchimp is known to hold. One index lookup per id: the LATERAL … LIMIT 1 cannot be
 * flattened into a join, so the plan does not hang on the table's statistics (a backfill grows the table by
 * thousands of rows a second before autovacuum analyzes it, and the planner, taking it for a one-row table, chose
 * a nested loop over every row of the type for every id: 3 s a page at 20k orders, quadratic).
 * Parameter: a JSON array of { object_type, object_id }.
 */
export const REMOTE_EXISTING = `
SELECT s.object_type, s.object_id FROM jsonb_to_recordset(?::jsonb) AS r(object_type text, object_id text)
CROSS JOIN LATERAL (
  SELECT object_type, object_id FROM mailchimp_commerce_sync
  WHERE object_type = r.object_type AND object_id = r.object_id AND remote_exists AND deleted_at IS NULL
  LIMIT 1
) s`

/**
 * Rows of one object type, by status (the promotions' counts in the backfill report and the promotions screen), read
 * through the (object_type, object_id) index. Counted by status and type through the ORM, Postgres read every row of
 * the status through the (status, updated_at) index on a table a backfill grows faster than autovacuum analyzes it:
 * 64 ms a count at 71,000 rows, eight counts each time the backfill's progress is read. Parameter: object_type.
 */
export const SYNC_STATUS_COUNTS = `
SELECT status, count(*)::int AS n FROM mailchimp_commerce_sync
WHERE object_type = ? AND deleted_at IS NULL
GROUP BY status`

export const GET_SYNC = `
SELECT * FROM mailchimp_commerce_sync
WHERE object_type = ? AND object_id = ? AND deleted_at IS NULL
LIMIT 1`

/** A merge-fields row by the md5 of its address (IDX_mailchimp_commerce_sync_merge_hash). */
export const MERGE_ADDRESS_OF = `
SELECT object_id FROM mailchimp_commerce_sync
WHERE object_type = 'merge' AND md5(lower(object_id)) = ? AND deleted_at IS NULL
LIMIT 1`
