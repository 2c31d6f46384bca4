/**
 * Email activity (mailchimp_email_activity, keyed by Mailchimp's campaign id) and what it says about
 * a campaign. A pull inserts what it read; the unique index drops what an earlier pull stored already.
 */

/** Inserts activity rows (json array); answers the ids of the rows new to the table. */
export const INSERT_ACTIVITY = `
INSERT INTO mailchimp_email_activity (id, campaign_id, email, customer_id, action, occurred_at, url, created_at, updated_at)
SELECT x.id, x.campaign_id, lower(x.email),
  (SELECT c.id FROM customer c WHERE lower(c.email) = lower(x.email) AND c.deleted_at IS NULL
    ORDER BY c.has_account DESC, c.created_at LIMIT 1),
  x.action, x.occurred_at, x.url, now(), now()
FROM jsonb_to_recordset(?::jsonb) AS x(id text, campaign_id text, email text, action text, occurred_at timestamptz, url text)
ON CONFLICT (campaign_id, email, action, occurred_at) WHERE deleted_at IS NULL DO NOTHING
RETURNING id`

/** Activity per hour and action, for a chart: [{ hour, action, events, people }]. */
export const ACTIVITY_PER_HOUR = `
SELECT date_trunc('hour', occurred_at) AS hour, action, count(*)::int AS events, count(DISTINCT email)::int AS people
FROM mailchimp_email_activity
WHERE campaign_id = ? AND deleted_at IS NULL AND action <> 'sent'
GROUP BY 1, 2
ORDER BY 1, 2`

/** One person's activity, newest first, with the campaign's subject when the store knows the campaign. */
export const ACTIVITY_OF_PEOPLE = `
SELECT a.campaign_id, c.id AS local_campaign_id, c.subject, a.email, a.action, a.occurred_at, a.url
FROM mailchimp_email_activity a
LEFT JOIN mailchimp_campaign c ON c.mailchimp_campaign_id = a.campaign_id AND c.deleted_at IS NULL
WHERE a.deleted_at IS NULL AND (a.customer_id = ? OR a.email IN (?))
ORDER BY a.occurred_at DESC, a.action
LIMIT ?`

/**
 * Orders that carry the campaign's id (mc_cid at checkout), per currency. Canceled orders are left out.
 */
export const ATTRIBUTED_BY_CAMPAIGN_ID = `
SELECT currency_code, count(*)::int AS orders, coalesce(sum(total), 0)::text AS revenue
FROM mailchimp_purchase_order
WHERE campaign_id = ? AND status = 'placed' AND deleted_at IS NULL
GROUP BY currency_code
ORDER BY currency_code`

/**
 * Orders placed by the campaign's recipients (addresses Mailchimp sent it to, or with activity on it) within
 * the window after the send, that do not carry the campaign's id (those are counted above), per currency.
 */
export const ATTRIBUTED_BY_RECIPIENTS = `
SELECT o.currency_code, count(*)::int AS orders, coalesce(sum(o.total), 0)::text AS revenue
FROM mailchimp_purchase_order o
WHERE o.status = 'placed' AND o.deleted_at IS NULL
  AND o.placed_at >= ? AND o.placed_at < ?
  AND o.campaign_id IS DISTINCT FROM ?
  AND o.email IN (SELECT DISTINCT a.email FROM mailchimp_email_activity a WHERE a.campaign_id = ? AND a.deleted_at IS NULL)
GROUP BY o.currency_code
ORDER BY o.currency_code`

/** The static segment id the segments module's segment has in Mailchimp (null when not synced yet). */
export const SEGMENT_TARGET = `
SELECT mailchimp_segment_id, audience_id FROM mailchimp_segment WHERE id = ? AND deleted_at IS NULL`
