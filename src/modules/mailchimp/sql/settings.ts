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
