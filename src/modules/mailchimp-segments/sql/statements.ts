/**
 * The segment membership writes. `matched` is a compiled segment query (sql/compile.ts); the
 * statements below record what changed against the stored rows, so that a sync sends only the
 * difference and an unchanged member costs nothing.
 */

/**
 * Applies an evaluation: members now matched are marked in the segment (new rows are created),
 * members no longer matched are marked out. With `forEmail`, only that address's row may leave.
 * Bindings: [...matched bindings, segment_id, segment_id(, email)].
 */
export function applyEvaluation(matchedSql: string, forEmail: boolean): string {
  return `
WITH matched AS MATERIALIZED (${matchedSql}),
entered AS (
  INSERT INTO mailchimp_segment_member AS s (id, segment_id, email, customer_id, in_segment, in_mailchimp, created_at, updated_at)
  SELECT 'mcsm_' || upper(replace(gen_random_uuid()::text, '-', '')), ?, x.email, x.customer_id, true, false, now(), now()
  FROM matched x
  ON CONFLICT (segment_id, email) WHERE deleted_at IS NULL DO UPDATE
    SET in_segment = true, customer_id = EXCLUDED.customer_id, updated_at = now(),
        failed_at = CASE WHEN s.in_segment THEN s.failed_at END,
        error = CASE WHEN s.in_segment THEN s.error END
    WHERE s.in_segment = false OR s.customer_id IS DISTINCT FROM EXCLUDED.customer_id
  RETURNING s.id
),
gone AS (
  UPDATE mailchimp_segment_member s SET in_segment = false, updated_at = now()
  WHERE s.segment_id = ? AND s.deleted_at IS NULL AND s.in_segment${forEmail ? " AND s.email = ?" : ""}
    AND NOT EXISTS (SELECT 1 FROM matched x WHERE x.email = s.email)
  RETURNING s.id
)
SELECT (SELECT count(*) FROM matched)::int AS matched, (SELECT count(*) FROM entered)::int AS entered, (SELECT count(*) FROM gone)::int AS left`
}

/**
 * A preview: the count of `matched` and its first N rows by address, from one evaluation. The
 * matched set is materialized first, so the planner finds it by the conditions' own indexes (a
 * count needs every row anyway) instead of walking an email index in order to skip a sort; the
 * count and the top-N sort then read it. Answers one row with a NULL email when nothing matched.
 * Bindings: [...matched bindings, limit].
 */
export function previewStatement(matchedSql: string): string {
  return `
WITH matched AS MATERIALIZED (${matchedSql}),
total AS (SELECT count(*)::int AS total FROM matched)
SELECT t.total, s.email, s.customer_id
FROM total t LEFT JOIN LATERAL (SELECT x.email, x.customer_id FROM matched x ORDER BY x.email LIMIT ?) s ON true`
}

/** Rows never sent that left again: nothing to tell Mailchimp. Bindings: [segment_id]. */
export const DROP_UNSENT = `
DELETE FROM mailchimp_segment_member
WHERE segment_id = ? AND in_segment = false AND in_mailchimp = false AND claimed_at IS NULL`

/** Addresses Mailchimp refused a day ago are tried again by a full evaluation. Bindings: [segment_id]. */
export const RETRY_OLD_FAILURES = `
UPDATE mailchimp_segment_member SET failed_at = NULL, error = NULL
WHERE segment_id = ? AND deleted_at IS NULL AND failed_at < now() - interval '1 day'`

/** The number in the segment and in its Mailchimp copy. Bindings: [segment_id]. */
export const SEGMENT_COUNTS = `
SELECT count(*) FILTER (WHERE in_segment)::int AS member_count,
       count(*) FILTER (WHERE in_mailchimp)::int AS mailchimp_count,
       count(*) FILTER (WHERE in_segment <> in_mailchimp AND failed_at IS NULL)::int AS pending_changes,
       count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed_members
FROM mailchimp_segment_member WHERE segment_id = ? AND deleted_at IS NULL`

/** The same figures for many segments. Bindings: [segment_ids]. */
export const SEGMENTS_COUNTS = `
SELECT segment_id,
       count(*) FILTER (WHERE in_segment)::int AS member_count,
       count(*) FILTER (WHERE in_mailchimp)::int AS mailchimp_count,
       count(*) FILTER (WHERE in_segment <> in_mailchimp AND failed_at IS NULL)::int AS pending_changes,
       count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed_members
FROM mailchimp_segment_member WHERE segment_id IN (?) AND deleted_at IS NULL GROUP BY segment_id`

/**
 * Claims of one segment are taken one at a time (a transaction-scoped lock). With SKIP LOCKED alone, two lanes
 * claiming at the same moment split the tail between them (202 and 3 where 205 was due), one call more each time.
 * Bindings: [segment_id].
 */
export const LOCK_SEGMENT_CLAIMS = `SELECT pg_advisory_xact_lock(hashtext('medusa-mailchimp:segment-claim:' || ?))`

/**
 * Takes up to N additions and N removals to send, marking them claimed so a concurrent job takes
 * others (a claim older than 10 minutes is a lost job's and is taken again).
 * Bindings: [segment_id, limit, segment_id, limit].
 */
export const CLAIM_CHANGES = `
WITH adds AS (
  SELECT id FROM mailchimp_segment_member
  WHERE segment_id = ? AND deleted_at IS NULL AND in_segment AND NOT in_mailchimp AND failed_at IS NULL
    AND (claimed_at IS NULL OR claimed_at < now() - interval '10 minutes')
  ORDER BY email LIMIT ? FOR UPDATE SKIP LOCKED
),
removals AS (
  SELECT id FROM mailchimp_segment_member
  WHERE segment_id = ? AND deleted_at IS NULL AND NOT in_segment AND in_mailchimp
    AND (claimed_at IS NULL OR claimed_at < now() - interval '10 minutes')
  ORDER BY email LIMIT ? FOR UPDATE SKIP LOCKED
)
UPDATE mailchimp_segment_member s SET claimed_at = now()
WHERE s.id IN (SELECT id FROM adds UNION ALL SELECT id FROM removals)
RETURNING s.id, s.email, s.in_segment`

/** Sent additions Mailchimp took. Bindings: [ids]. */
export const SETTLE_ADDED = `
UPDATE mailchimp_segment_member SET in_mailchimp = true, added_at = now(), claimed_at = NULL, failed_at = NULL, error = NULL, updated_at = now()
WHERE id IN (?)`

/** Sent additions Mailchimp refused. Bindings: [error, ids]. */
export const SETTLE_REFUSED = `
UPDATE mailchimp_segment_member SET claimed_at = NULL, failed_at = now(), error = ?, updated_at = now()
WHERE id IN (?)`

/** Sent removals: out of Mailchimp's copy; rows out of the segment too are dropped. Bindings: [ids, ids]. */
export const SETTLE_REMOVED = [
  `UPDATE mailchimp_segment_member SET in_mailchimp = false, added_at = NULL, claimed_at = NULL, updated_at = now() WHERE id IN (?)`,
  `DELETE FROM mailchimp_segment_member WHERE id IN (?) AND in_segment = false AND in_mailchimp = false`,
]

/** Claims given back (the call failed and will be retried). Bindings: [ids]. */
export const RELEASE_CLAIMS = `UPDATE mailchimp_segment_member SET claimed_at = NULL WHERE id IN (?)`

/** The Mailchimp copy is gone (deleted there): nothing is in it any more. Bindings: [segment_id]. */
export const FORGET_MAILCHIMP_COPY = [
  `UPDATE mailchimp_segment_member SET in_mailchimp = false, added_at = NULL, claimed_at = NULL WHERE segment_id = ?`,
  `DELETE FROM mailchimp_segment_member WHERE segment_id = ? AND in_segment = false`,
]

/** A deleted segment's rows. Bindings: [segment_id]. */
export const DELETE_MEMBERS = `DELETE FROM mailchimp_segment_member WHERE segment_id = ?`

export const LIVE_SEGMENTS = `SELECT id, audience_id, match, conditions FROM mailchimp_segment WHERE deleted_at IS NULL ORDER BY id`

export const ANY_SEGMENT = `SELECT EXISTS (SELECT 1 FROM mailchimp_segment WHERE deleted_at IS NULL) AS any`

/**
 * An address by its subscriber hash: a member of the audience (the core module's table, as the compiled
 * queries read it) or an address the segments hold. Both looked up by an md5 expression index.
 */
export const ADDRESS_OF_HASH = `
SELECT email FROM mailchimp_member WHERE md5(lower(email)) = ? AND deleted_at IS NULL
UNION
SELECT email FROM mailchimp_segment_member WHERE md5(lower(email)) = ? AND deleted_at IS NULL
LIMIT 1`
