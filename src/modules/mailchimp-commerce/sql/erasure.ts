/**
 * An erasure in the e-commerce module: every purchase row, profile and sync row of the erased addresses and
 * customers, soft-deleted ones included. Parameters: the addresses (lower-cased), the customer ids (guest ids
 * `guest-<hash>` included), the order ids and the cart ids, each a JSON array.
 */

const LIST = `SELECT jsonb_array_elements_text(?::jsonb)`

/** The orders recorded for the addresses or customers (parameters: addresses, customers). */
export const ORDERS_OF_BUYERS = `
SELECT DISTINCT order_id FROM mailchimp_purchase_order WHERE lower(email) IN (${LIST}) OR customer_id IN (${LIST})`

/** The purchase rows and, with them, their items (sql/purchase-items.ts). */
export const DELETE_PURCHASE_ORDERS = `
WITH gone AS (
  DELETE FROM mailchimp_purchase_order WHERE lower(email) IN (${LIST}) OR customer_id IN (${LIST}) OR order_id IN (${LIST})
  RETURNING id
),
items AS (DELETE FROM mailchimp_purchase_item i WHERE i.purchase_order_id IN (SELECT id FROM gone))
SELECT id FROM gone`

export const DELETE_PURCHASE_PROFILES = `
DELETE FROM mailchimp_purchase_profile WHERE lower(email) IN (${LIST}) OR customer_id IN (${LIST})
RETURNING id`

/** Sync rows: a buyer's merge fields (object_id = address), their customers, their orders and their carts. */
export const DELETE_SYNC_ROWS = `
DELETE FROM mailchimp_commerce_sync
WHERE (object_type = 'merge' AND lower(object_id) IN (${LIST}))
   OR (object_type = 'customer' AND object_id IN (${LIST}))
   OR (object_type = 'order' AND object_id IN (${LIST}))
   OR (object_type = 'cart' AND object_id IN (${LIST}))
RETURNING object_type, object_id, remote_exists`

/**
 * Their carts' lines as sent leave the plugin's cart rows: Mailchimp holds none of them once the erasure job has
 * deleted the carts there, so a cart sent again after a fresh opt-in goes whole. The rows themselves (completion,
 * campaign, recovery uses) name no person and stay.
 */
export const FORGET_CART_LINES_SENT = `
UPDATE mailchimp_commerce_cart SET lines_sent = NULL, updated_at = now()
WHERE cart_id IN (${LIST}) AND lines_sent IS NOT NULL
RETURNING id`

/** The people's ids (lower-cased addresses, customer and order ids) as one array, for the backfill's lists. */
const NEEDLES = `(SELECT ARRAY(SELECT lower(jsonb_array_elements_text(?::jsonb))) AS list) n`

/** Backfill batches list the objects they sent (addresses for merge fields and members): the people leave them. */
export const SCRUB_BACKFILL_BATCHES = `
UPDATE mailchimp_backfill_batch b
SET object_ids = ARRAY(SELECT x FROM unnest(b.object_ids) x WHERE lower(x) <> ALL (n.list)), updated_at = now()
FROM ${NEEDLES}
WHERE EXISTS (SELECT 1 FROM unnest(b.object_ids) x WHERE lower(x) = ANY (n.list))
RETURNING b.id`

/** A backfill cursor naming one of them is dropped: an unfinished kind then starts over (its writes are upserts). */
export const SCRUB_BACKFILL_CURSORS = `
UPDATE mailchimp_backfill_task t SET cursor = NULL, updated_at = now()
FROM ${NEEDLES}
WHERE lower(t.cursor) = ANY (n.list)
RETURNING t.id`
