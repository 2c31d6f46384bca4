/**
 * Replaces a job's last run. Not the ORM's update: it merges a json column into what the row holds
 * (mergeObjectProperties), so a kind found once stayed in every later run's `found`.
 * Parameters: started_at, finished_at, duration_ms, outcome, result (json or null), error, id.
 */
export const REPLACE_JOB_RUN = `
UPDATE mailchimp_job_run SET started_at = ?, finished_at = ?, duration_ms = ?, outcome = ?, result = ?::jsonb, error = ?,
  updated_at = now()
WHERE id = ? AND deleted_at IS NULL`
