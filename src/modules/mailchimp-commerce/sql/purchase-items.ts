/**
 * The purchase items: one narrow row per item (product, variant, category, collection) of each placed purchase
 * row, with its address and date, so that "bought X within N days" over every buyer is a B-tree range scan read
 * from the index alone ((item_type, item_id, placed_at) including the address) instead of a GIN bitmap over the
 * wide purchase rows (docs/segments-and-campaigns.md). Derived from mailchimp_purchase_order only: rewritten for
 * the rows a write touched, in the same transaction, after the write took those rows' locks.
 */

/**
 * The item rows of the purchase rows `o` (placed and live only). An id twice in one row's array is one item: made
 * distinct per row (a small sort each), not over the whole result (one sort of every item at a migration's size).
 */
const ITEMS_OF = (rows: string) => `
INSERT INTO mailchimp_purchase_item (purchase_order_id, item_type, item_id, placed_at, email)
SELECT o.id, k.item_type, k.item_id, o.placed_at, o.email
FROM ${rows}
CROSS JOIN LATERAL (
  SELECT DISTINCT t, x FROM (
    SELECT 'product', unnest(o.product_ids) UNION ALL SELECT 'variant', unnest(o.variant_ids)
    UNION ALL SELECT 'category', unnest(o.category_ids) UNION ALL SELECT 'collection', unnest(o.collection_ids)
  ) u(t, x)
) k(item_type, item_id)
WHERE o.deleted_at IS NULL AND o.status = 'placed' AND o.email IS NOT NULL AND o.placed_at IS NOT NULL`

/**
 * Replaces the items of these orders' purchase rows by what the rows hold now. Runs after the upsert, in its
 * transaction and under its row locks, so a concurrent write of the same order is seen whole (newer wins as the
 * rows do; run twice, the same items). Parameters: Medusa order ids (json array).
 */
export const REPLACE_PURCHASE_ITEMS = `
WITH rows AS (
  SELECT o.id FROM mailchimp_purchase_order o
  WHERE o.order_id = ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb))) AND o.deleted_at IS NULL
),
gone AS (DELETE FROM mailchimp_purchase_item i WHERE i.purchase_order_id IN (SELECT id FROM rows) RETURNING 1),
made AS (${ITEMS_OF("mailchimp_purchase_order o")} AND o.id IN (SELECT id FROM rows) RETURNING 1)
SELECT (SELECT count(*) FROM gone)::int AS removed, (SELECT count(*) FROM made)::int AS added`

/** Every purchase row's items, into an empty table (a migration, a bulk load). */
export const FILL_PURCHASE_ITEMS = ITEMS_OF("mailchimp_purchase_order o")
