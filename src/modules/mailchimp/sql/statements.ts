/**
 * Conditional upserts: a change lands only when it is at least as new as what the row holds,
 * decided inside Postgres so two workers applying events for one member cannot interleave.
 */
export const UPSERT_MEMBER_STATUS = `
INSERT INTO mailchimp_member
  (id, audience_id, email, customer_id, status, status_at, status_source, reason, campaign_id, merge_fields, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
ON CONFLICT (audience_id, email) WHERE deleted_at IS NULL DO UPDATE SET
  status = excluded.status,
  status_at = excluded.status_at,
  status_source = excluded.status_source,
  reason = excluded.reason,
  campaign_id = excluded.campaign_id,
  merge_fields = COALESCE(excluded.merge_fields, mailchimp_member.merge_fields),
  customer_id = COALESCE(excluded.customer_id, mailchimp_member.customer_id),
  updated_at = now()
WHERE mailchimp_member.status_at <= excluded.status_at
RETURNING id, customer_id, EXISTS (SELECT 1 FROM mailchimp_segment WHERE deleted_at IS NULL) AS any_segment`

export const UPDATE_MEMBER_PROFILE = `
UPDATE mailchimp_member SET merge_fields = ?, profile_at = ?, updated_at = now()
WHERE audience_id = ? AND email = ? AND deleted_at IS NULL AND (profile_at IS NULL OR profile_at <= ?)
RETURNING id, customer_id`

export const RENAME_MEMBER = `
UPDATE mailchimp_member SET email = ?, updated_at = now()
WHERE audience_id = ? AND email = ? AND deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM mailchimp_member m2 WHERE m2.audience_id = ? AND m2.email = ? AND m2.deleted_at IS NULL)
RETURNING id, customer_id`

export const INSERT_WEBHOOK_EVENT = `
INSERT INTO mailchimp_webhook_event
  (id, fingerprint, type, audience_id, email, fired_at, payload, status, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, 'received', now(), now())
ON CONFLICT (fingerprint) WHERE deleted_at IS NULL DO NOTHING
RETURNING id`

/** A stored delivery with that fingerprint, and where its member stands now. */
export const PRIOR_WEBHOOK_EVENT = `
SELECT e.type, e.status, e.payload #>> '{data,action}' AS action, m.status AS member_status
FROM mailchimp_webhook_event e
LEFT JOIN mailchimp_member m ON m.audience_id = e.audience_id AND m.email = e.email AND m.deleted_at IS NULL
WHERE e.fingerprint = ? AND e.deleted_at IS NULL`

export const WEBHOOK_EVENT_STATS = `
SELECT type, status, count(*)::int AS count, max(created_at) AS last_received_at
FROM mailchimp_webhook_event WHERE deleted_at IS NULL GROUP BY type, status`

export const CONSENT_BY_ID = `SELECT * FROM mailchimp_consent WHERE id = ? AND deleted_at IS NULL`

export const CONSENTS_OF_ORDERS = `SELECT id, customer_id, order_id FROM mailchimp_consent WHERE order_id IN (?) AND deleted_at IS NULL`

export const SETTLE_CONSENT = `
UPDATE mailchimp_consent SET
  sync_status = ?,
  sync_attempts = ?,
  sync_error = ?::jsonb,
  requested_status = CASE WHEN ? THEN ? ELSE requested_status END,
  mailchimp_status = CASE WHEN ? THEN ? ELSE mailchimp_status END,
  synced_at = CASE WHEN ? THEN ?::timestamptz ELSE synced_at END,
  retry_at = ?::timestamptz,
  updated_at = now()
WHERE id = ?`
