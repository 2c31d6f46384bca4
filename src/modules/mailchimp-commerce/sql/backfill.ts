/** Backfill bookkeeping: conditional updates, so that a job run twice moves nothing twice. */

/** Moves a task's cursor past a page; only from the page the job read. Parameters: cursor, status, task id, page. */
export const ADVANCE_TASK = `
UPDATE mailchimp_backfill_task SET cursor = ?, status = ?, page = page + 1,
  started_at = coalesce(started_at, now()), updated_at = now()
WHERE id = ? AND page = ? AND deleted_at IS NULL
RETURNING id, page`

/** Ends a batch once; answers nothing when it was ended already. Parameters: status, succeeded, errored, retried, skipped, error, id. */
export const FINISH_BATCH = `
UPDATE mailchimp_backfill_batch SET status = ?, succeeded = ?, errored = ?, retried = ?, skipped = ?, error = ?::jsonb,
  finished_at = now(), updated_at = now()
WHERE id = ? AND status = 'submitted' AND deleted_at IS NULL
RETURNING id`

/** Per kind: operations sent, done, errored, retried, skipped, batches open. Parameter: run id. */
export const BATCH_PROGRESS = `
SELECT kind,
  coalesce(sum(operations) FILTER (WHERE attempt = 0), 0)::int AS sent,
  coalesce(sum(succeeded), 0)::int AS succeeded,
  coalesce(sum(errored), 0)::int AS errored,
  coalesce(sum(retried), 0)::int AS retried,
  coalesce(sum(skipped), 0)::int AS skipped,
  (count(*) FILTER (WHERE status = 'submitted'))::int AS open_batches,
  min(submitted_at) AS first_submitted_at,
  max(finished_at) AS last_finished_at
FROM mailchimp_backfill_batch WHERE run_id = ? AND deleted_at IS NULL
GROUP BY kind`

/** Running tasks not moved for a while (their page job was lost). Parameters: before. */
export const STALE_TASKS = `
SELECT t.run_id, t.kind, t.page FROM mailchimp_backfill_task t
JOIN mailchimp_backfill_run r ON r.id = t.run_id AND r.status = 'running'
WHERE t.status IN ('waiting', 'sending') AND t.updated_at <= ? AND t.deleted_at IS NULL`

/** Running runs nobody looked after for a while (their poller was lost). Parameters: before. */
export const STALE_RUNS = `
SELECT r.id FROM mailchimp_backfill_run r
WHERE r.status = 'running' AND r.updated_at <= ? AND r.deleted_at IS NULL`

/** A task whose every page is sent and whose batches are all settled. Parameter: task id. */
// A finished task keeps no cursor: it is the last object's id (for merge fields, a buyer's address).
export const FINISH_TASK = `
UPDATE mailchimp_backfill_task SET status = 'finished', cursor = NULL, finished_at = now(), updated_at = now()
WHERE id = ? AND status = 'sent' AND deleted_at IS NULL
RETURNING id`

/** Shows the run is being looked after (the reconciler restarts a poller only for a quiet run). */
export const TOUCH_RUN = `UPDATE mailchimp_backfill_run SET updated_at = now() WHERE id = ?`
