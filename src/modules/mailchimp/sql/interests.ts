/** The INTERESTS names of a profile webhook, kept when they differ from the last seen: a change is worth a read. */
export const NOTE_INTEREST_NAMES = `
UPDATE mailchimp_member SET interest_names = ?, updated_at = now()
WHERE audience_id = ? AND email = ? AND deleted_at IS NULL AND interest_names IS DISTINCT FROM ?
RETURNING id`

/** A member's interests (by id) and permissions as Mailchimp showed them, found by the address's hash. */
export const RECORD_MEMBER_INTERESTS = `
UPDATE mailchimp_member SET interests = ?::jsonb, marketing_permissions = ?::jsonb, updated_at = now()
WHERE audience_id = ? AND md5(lower(email)) = ? AND deleted_at IS NULL
RETURNING id`
