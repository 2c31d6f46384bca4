/**
 * Replaces the settings' json columns. Not the ORM's update: it merges a json object into what the row holds
 * (mergeObjectProperties), so a merge field the merchant took out of the change, or the categories of an audience
 * put back to its option, stayed saved. A flag left false keeps the column as it is.
 * Parameters: replace merge_fields?, merge_fields (json or null), replace interest_categories?, interest_categories, id.
 */
export const REPLACE_SETTINGS_JSON = `
UPDATE mailchimp_settings SET
  merge_fields = CASE WHEN ?::boolean THEN ?::jsonb ELSE merge_fields END,
  interest_categories = CASE WHEN ?::boolean THEN ?::jsonb ELSE interest_categories END,
  updated_at = now()
WHERE id = ? AND deleted_at IS NULL`

/**
 * The sales channel mapping saved in the admin: the commerce module's one settings row (docs/cross-module-sql.md,
 * statement 31), read with the core settings so that a channel's consents follow the mapping its store follows.
 * HAS_COMMERCE_SETTINGS first: a store may run the core module without the commerce one.
 */
export const HAS_COMMERCE_SETTINGS = `SELECT to_regclass('mailchimp_commerce_settings') IS NOT NULL AS ok`
export const SAVED_SALES_CHANNELS = `
SELECT sales_channels, updated_at FROM mailchimp_commerce_settings
WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1`
