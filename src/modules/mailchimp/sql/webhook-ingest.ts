/**
 * Webhook ingest in groups and application in pages (issue 23; docs/webhooks.md, "Ingest").
 *
 * The deliveries of one group arrive as one JSON array (one bind, so knex does not expand it) and are written by
 * one statement, in array order: `seq` is their arrival order. A repeat of a stored body is skipped here; the
 * caller then asks, one by one, whether it happened again (webhooks/repeat.ts).
 */
import { UPDATE_MEMBER_PROFILE, UPSERT_MEMBER_STATUS } from "./statements"

export const INSERT_WEBHOOK_EVENTS = `
INSERT INTO mailchimp_webhook_event
  (id, fingerprint, type, audience_id, email, fired_at, payload, status, created_at, updated_at)
SELECT u.e->>'id', u.e->>'fingerprint', u.e->>'type', u.e->>'audience_id', u.e->>'email',
  (u.e->>'fired_at')::timestamptz, u.e->'payload', 'received', now(), now()
FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS u(e, n)
ORDER BY u.n
ON CONFLICT (fingerprint) WHERE deleted_at IS NULL DO NOTHING
RETURNING id, fingerprint`

/** Claims are taken one at a time (a transaction-scoped lock), so two workers never take the same member. */
export const LOCK_WEBHOOK_CLAIMS = `SELECT pg_advisory_xact_lock(hashtext('medusa-mailchimp:webhook-claim'))`

/**
 * The next page of events to apply, in arrival order, leased for `?` seconds. A member (its address; an event
 * without one by its type) whose events another worker holds under a live lease is left out entirely, so one
 * member's events are applied by one worker at a time, in order. A lapsed lease (a worker killed mid-apply) is
 * claimed again.
 */
export const CLAIM_WEBHOOK_EVENTS = `
UPDATE mailchimp_webhook_event SET claimed_until = now() + make_interval(secs => ?)
WHERE id IN (
  SELECT e.id FROM mailchimp_webhook_event e
  WHERE e.status = 'received' AND e.deleted_at IS NULL
    AND COALESCE(e.email, e.type) NOT IN (
      SELECT COALESCE(l.email, l.type) FROM mailchimp_webhook_event l
      WHERE l.status = 'received' AND l.deleted_at IS NULL AND l.claimed_until > now()
    )
  ORDER BY e.seq
  LIMIT ?
)
RETURNING id, seq, type, audience_id, email, fired_at, payload, apply_attempts`

/** An event's outcome, written right after its effect; the lease ends with it. */
export const SETTLE_WEBHOOK_EVENT = `
UPDATE mailchimp_webhook_event
SET status = ?, outcome = ?, applied_at = now(), claimed_until = NULL, updated_at = now()
WHERE id = ? AND status = 'received'`

/**
 * An application that threw: counted, and the reason kept. Under the limit the lease stays, so the event is tried
 * again once it lapses (with its member's later events behind it); at the limit it is marked failed.
 */
export const FAIL_WEBHOOK_EVENT = `
UPDATE mailchimp_webhook_event
SET apply_attempts = apply_attempts + 1, outcome = ?,
  status = CASE WHEN apply_attempts + 1 >= ? THEN 'failed' ELSE status END,
  claimed_until = CASE WHEN apply_attempts + 1 >= ? THEN NULL ELSE claimed_until END,
  updated_at = now()
WHERE id = ? AND status = 'received'`

/** Whether any delivery stored before `?` is still to apply (the reconciler's question). */
export const WEBHOOK_EVENTS_PENDING = `
SELECT count(*)::int AS count FROM mailchimp_webhook_event
WHERE status = 'received' AND deleted_at IS NULL AND updated_at <= ? AND (claimed_until IS NULL OR claimed_until < now())`

/**
 * How long the apply may still hold back, in ms (0: apply now). While deliveries keep arriving (the newest one
 * stored less than `?` seconds ago) the apply yields the CPU and the database to the ingest, but never past the
 * moment the oldest unclaimed event has waited `?` seconds: that bound keeps every event applied well within
 * 30 s of its answer. The clock is the database's alone. Each end is one row read from the (status, created_at)
 * index (ORDER BY … LIMIT 1): every held job asks this every 200 ms during a burst, and an aggregate
 * (`max`, `min … FILTER`) read every event still to apply each time, thousands of rows per question.
 */
export const WEBHOOK_APPLY_HOLD = `
SELECT GREATEST(0, LEAST(
  EXTRACT(EPOCH FROM (
    SELECT created_at FROM mailchimp_webhook_event
    WHERE status = 'received' AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1
  ) + make_interval(secs => ?) - now()),
  EXTRACT(EPOCH FROM (
    SELECT created_at FROM mailchimp_webhook_event
    WHERE status = 'received' AND deleted_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
    ORDER BY created_at LIMIT 1
  ) + make_interval(secs => ?) - now())
)) * 1000 AS hold_ms`

/**
 * A status event's whole effect in one statement, so one transaction: the member row's newer-wins change
 * (`UPSERT_MEMBER_STATUS`'s parameters first), the consent history row when the change lands, and the event
 * settled (applied or ignored) with it. A worker killed mid-page thus never leaves an effect without its outcome.
 */
export const APPLY_WEBHOOK_STATUS = `
WITH m AS (${UPSERT_MEMBER_STATUS}),
consent AS (
  INSERT INTO mailchimp_consent
    (id, email, customer_id, audience_id, action, source, evidence, mailchimp_status, sync_status, synced_at, created_at, updated_at)
  SELECT ?, ?, m.customer_id, ?, ?, 'mailchimp', ?::jsonb, ?, 'synced', now(), now(), now() FROM m
),
settle AS (
  UPDATE mailchimp_webhook_event
  SET status = CASE WHEN EXISTS (SELECT 1 FROM m) THEN 'applied' ELSE 'ignored' END,
    outcome = CASE WHEN EXISTS (SELECT 1 FROM m) THEN ? ELSE ? END,
    applied_at = now(), claimed_until = NULL, updated_at = now()
  WHERE id = ? AND status = 'received'
)
SELECT m.id, m.customer_id, m.any_segment FROM m`

/**
 * A profile event's member update (`UPDATE_MEMBER_PROFILE`'s parameters first); when it changes nothing (no member
 * for the address, or a newer profile) the event is settled "ignored" (outcome `?`) in the same statement. One
 * that lands is settled by the caller after the rest of its effect (interests, the customer's name).
 */
export const APPLY_WEBHOOK_PROFILE = `
WITH p AS (${UPDATE_MEMBER_PROFILE}),
settle AS (
  UPDATE mailchimp_webhook_event
  SET status = 'ignored', outcome = ?, applied_at = now(), claimed_until = NULL, updated_at = now()
  WHERE id = ? AND status = 'received' AND NOT EXISTS (SELECT 1 FROM p)
)
SELECT p.id, p.customer_id FROM p`
