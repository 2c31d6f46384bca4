/**
 * Writes the one settings row, whole. Not the ORM's update: it merges a json object into what the row holds, so a
 * channel taken out of the mapping would stay saved. `updated_at` moves, which tells the other processes to apply it.
 * Parameters: id, sales_channels (json or null), updated_by.
 */
export const SAVE_COMMERCE_SETTINGS = `
INSERT INTO mailchimp_commerce_settings (id, sales_channels, updated_by)
VALUES (?, ?::jsonb, ?)
ON CONFLICT (id) DO UPDATE SET
  sales_channels = excluded.sales_channels,
  updated_by = excluded.updated_by,
  updated_at = clock_timestamp(),
  deleted_at = NULL`
