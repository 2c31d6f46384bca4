/**
 * Statements of an erasure in the core module. Parameters named "addresses" are JSON arrays of lower-cased
 * addresses, "customers" JSON arrays of customer ids. Rows soft-deleted earlier are removed too: an erasure
 * leaves nothing behind, not even rows the ORM no longer shows.
 */

const ADDRESSES = `SELECT jsonb_array_elements_text(?::jsonb)`
const CUSTOMERS = `SELECT jsonb_array_elements_text(?::jsonb)`

/** Every address the store linked to the customers: members and consents, any audience. */
export const ADDRESSES_OF_CUSTOMERS = `
SELECT DISTINCT lower(email) AS email FROM mailchimp_member WHERE customer_id IN (${CUSTOMERS})
UNION SELECT DISTINCT lower(email) FROM mailchimp_consent WHERE customer_id IN (${CUSTOMERS})
UNION SELECT DISTINCT lower(customer_email) FROM mailchimp_consent WHERE customer_id IN (${CUSTOMERS}) AND customer_email IS NOT NULL`

/** Every audience the store has written to or listened on. */
export const AUDIENCES_USED = `
SELECT audience_id FROM mailchimp_member
UNION SELECT audience_id FROM mailchimp_consent
UNION SELECT audience_id FROM mailchimp_webhook_registration
UNION SELECT audience_id FROM mailchimp_settings WHERE audience_id IS NOT NULL`

/** The consents about to go, for the record's history: what happened and when. */
export const CONSENTS_OF = `
SELECT id, lower(email) AS email, customer_id, action, source, created_at FROM mailchimp_consent
WHERE lower(email) IN (${ADDRESSES}) OR lower(customer_email) IN (${ADDRESSES}) OR customer_id IN (${CUSTOMERS})`

export const DELETE_CONSENTS = `
DELETE FROM mailchimp_consent
WHERE lower(email) IN (${ADDRESSES}) OR lower(customer_email) IN (${ADDRESSES}) OR customer_id IN (${CUSTOMERS})
RETURNING id`

export const DELETE_MEMBERS = `
DELETE FROM mailchimp_member
WHERE lower(email) IN (${ADDRESSES}) OR lower(customer_email) IN (${ADDRESSES}) OR customer_id IN (${CUSTOMERS})
RETURNING id`

/**
 * Deliveries about the addresses (as the event's address, or anywhere in the body: an upemail's new address)
 * keep their fingerprint, so that a retry is still recognised, and lose everything else; one still waiting is
 * settled as ignored.
 */
export const SCRUB_WEBHOOK_EVENTS = `
UPDATE mailchimp_webhook_event
SET email = NULL, payload = '{}'::jsonb, outcome = 'erased',
    status = CASE WHEN status = 'received' THEN 'ignored' ELSE status END, updated_at = now()
WHERE lower(email) IN (${ADDRESSES})
   OR EXISTS (SELECT 1 FROM (${ADDRESSES}) a(address) WHERE strpos(lower(payload::text), a.address) > 0)
   OR EXISTS (SELECT 1 FROM (${ADDRESSES}) a(address) WHERE strpos(lower(coalesce(outcome, '')), a.address) > 0)
RETURNING id`

export const EMPTY_WEBHOOK_EVENT = `
UPDATE mailchimp_webhook_event
SET email = NULL, payload = '{}'::jsonb, status = 'ignored', outcome = 'erased', applied_at = now(), updated_at = now()
WHERE id = ?`

/** Scheduled jobs' results and errors that name an address or a customer. */
export const SCRUB_JOB_RUNS = `
UPDATE mailchimp_job_run SET result = NULL, error = NULL, updated_at = now()
WHERE EXISTS (
  SELECT 1 FROM (${ADDRESSES} UNION ${CUSTOMERS}) n(needle)
  WHERE strpos(lower(coalesce(result::text, '') || coalesce(error, '')), lower(n.needle)) > 0
)
RETURNING id`

/**
 * The addresses erased and not opted in again since: for each, when it was last erased. An opt-in recorded
 * after the erasure (a fresh one: the erasure removed the older ones) lifts it. Parameter: [{email, hash}].
 */
export const ERASED_SINCE = `
SELECT p.email, max(e.requested_at) AS erased_at
FROM jsonb_to_recordset(?::jsonb) AS p(email text, hash text)
JOIN mailchimp_erasure e ON e.subscriber_hash = p.hash AND e.deleted_at IS NULL
WHERE NOT EXISTS (
  SELECT 1 FROM mailchimp_consent c
  WHERE c.email = p.email AND c.action = 'opt_in' AND c.created_at > e.requested_at AND c.deleted_at IS NULL
)
GROUP BY p.email`
