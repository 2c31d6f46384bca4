/** Statements behind the customer-facing list management: opt-outs, customer changes, erasure. */

/** Every opt-in and opt-out recorded for an address, and every erasure of it: the inputs of the ordering rules. */
export const CHOICES_FOR_ADDRESS = `
SELECT id, action AS kind, created_at AS at, source FROM mailchimp_consent
WHERE audience_id = ? AND email = ? AND action IN ('opt_in', 'opt_out') AND deleted_at IS NULL
UNION ALL
SELECT id, 'erased' AS kind, created_at AS at, NULL AS source FROM mailchimp_erasure
WHERE audience_id = ? AND subscriber_hash = ? AND deleted_at IS NULL`

/**
 * Per address: its latest consent and its member's status in an audience. Parameters: the addresses as a JSON
 * array; the audience the consent must be of, twice (null: any audience, as before channels had audiences); the
 * member's audience. Both are looked up per address (LATERAL), so the plan stays an index lookup while the tables
 * grow faster than their statistics.
 */
export const CONSENT_FACTS = `
SELECT e.email, c.action, c.sync_status, m.status AS member_status
FROM (SELECT DISTINCT jsonb_array_elements_text(?::jsonb) AS email) e
LEFT JOIN LATERAL (
  SELECT action, sync_status FROM mailchimp_consent
  WHERE email = e.email AND (?::text IS NULL OR audience_id = ?) AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1
) c ON true
LEFT JOIN LATERAL (
  SELECT status FROM mailchimp_member WHERE audience_id = ? AND email = e.email AND deleted_at IS NULL LIMIT 1
) m ON true`

/** An opt-out makes every opt-in of the address still waiting for Mailchimp moot (in these audiences). */
export const SUPERSEDE_PENDING_OPT_INS = `
UPDATE mailchimp_consent
SET sync_status = 'superseded', sync_error = ?::jsonb, updated_at = now()
WHERE audience_id IN (?) AND email IN (?) AND action = 'opt_in' AND sync_status = 'pending' AND deleted_at IS NULL
RETURNING id`

/** Where, among these audiences, the addresses are members on the list or have an opt-in waiting. */
export const AUDIENCES_OF_ADDRESSES = `
SELECT DISTINCT audience_id, email FROM mailchimp_member
WHERE audience_id IN (?) AND email IN (?) AND status IN ('subscribed', 'pending') AND deleted_at IS NULL
UNION
SELECT DISTINCT audience_id, email FROM mailchimp_consent
WHERE audience_id IN (?) AND email IN (?) AND action = 'opt_in' AND sync_status = 'pending' AND deleted_at IS NULL`

// Changes are stamped in whole milliseconds (the precision a sync reads them back with), always later than the last.
export const MARK_CUSTOMER_CHANGED = `
UPDATE mailchimp_member SET customer_changed_at = GREATEST(date_trunc('milliseconds', clock_timestamp()), customer_changed_at + interval '1 millisecond'), updated_at = now()
WHERE audience_id = ? AND customer_id = ? AND deleted_at IS NULL
RETURNING id`

/** Links a member to the customer who consented; the customer's email is kept once, as the baseline of later changes. */
export const LINK_MEMBER_TO_CUSTOMER = `
UPDATE mailchimp_member
SET customer_id = ?, customer_email = COALESCE(customer_email, ?),
    customer_changed_at = GREATEST(date_trunc('milliseconds', clock_timestamp()), customer_changed_at + interval '1 millisecond'), updated_at = now()
WHERE audience_id = ? AND email = ? AND deleted_at IS NULL
RETURNING id`

/** Records what reached Mailchimp; answers whether a newer change arrived meanwhile. */
export const FINISH_CUSTOMER_SYNC = `
UPDATE mailchimp_member
SET customer_email = ?, merge_fields = COALESCE(?::jsonb, merge_fields), group_tags = ?::jsonb,
    customer_synced_at = ?, updated_at = now()
WHERE id = ? AND deleted_at IS NULL
RETURNING id, (customer_changed_at IS NOT NULL AND customer_changed_at > customer_synced_at) AS dirty`

/** A stale local row at the new address: Mailchimp just said the address was free. */
export const DROP_MEMBER_AT = `
UPDATE mailchimp_member SET deleted_at = now(), updated_at = now()
WHERE audience_id = ? AND email = ? AND deleted_at IS NULL AND id <> ?`

export const MOVE_MEMBER = `
UPDATE mailchimp_member SET email = ?, customer_email = ?, updated_at = now()
WHERE id = ? AND deleted_at IS NULL
RETURNING id`

export const MOVE_CUSTOMER_CONSENTS = `
UPDATE mailchimp_consent SET email = ?, updated_at = now()
WHERE audience_id = ? AND email = ? AND customer_id = ? AND deleted_at IS NULL`

/** Members of the audience that carry group tags or belong to a customer, a page at a time. */
export const LINKED_MEMBERS_PAGE = `
SELECT id, customer_id, group_tags FROM mailchimp_member
WHERE audience_id = ? AND customer_id IS NOT NULL AND deleted_at IS NULL AND status <> 'archived' AND id > ?
ORDER BY id LIMIT ?`

