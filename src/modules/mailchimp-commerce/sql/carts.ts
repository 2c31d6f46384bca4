/** Carts: their sync rows (object_type 'cart') and the plugin's own cart rows (mailchimp_commerce_cart). */

const NOT_COMPLETED = `NOT EXISTS (SELECT 1 FROM mailchimp_commerce_cart c WHERE c.cart_id = r.object_id AND c.completed_at IS NOT NULL AND c.deleted_at IS NULL)`

/**
 * A cart changed: its row wants a write, unless its order was placed (a completed cart never comes back, whatever
 * event arrives late: nothing is returned, and no job is queued). Parameter: json array of {id, object_id}.
 */
export const REQUEST_CART_SYNC = `
INSERT INTO mailchimp_commerce_sync AS s (id, object_type, object_id, action, status, requested_at, revision, attempts, created_at, updated_at)
SELECT r.id, 'cart', r.object_id, 'upsert', 'pending', now(), 1, 0, now(), now()
FROM jsonb_to_recordset(?::jsonb) AS r(id text, object_id text)
WHERE ${NOT_COMPLETED}
ON CONFLICT (object_type, object_id) WHERE deleted_at IS NULL DO UPDATE SET
  action = 'upsert', status = 'pending', requested_at = now(), revision = s.revision + 1, error = NULL, note = NULL, updated_at = now()
WHERE NOT EXISTS (SELECT 1 FROM mailchimp_commerce_cart c WHERE c.cart_id = s.object_id AND c.completed_at IS NOT NULL AND c.deleted_at IS NULL)
RETURNING s.object_type, s.object_id, s.revision`

/**
 * The order was placed: the cart is completed (first completion wins; a replay changes nothing), with its order.
 * Parameters: id, cart_id, order_id.
 */
export const COMPLETE_CART = `
INSERT INTO mailchimp_commerce_cart AS c (id, cart_id, completed_at, order_id, created_at, updated_at)
VALUES (?, ?, now(), ?, now(), now())
ON CONFLICT (cart_id) WHERE deleted_at IS NULL DO UPDATE SET
  completed_at = coalesce(c.completed_at, now()), order_id = coalesce(c.order_id, excluded.order_id), updated_at = now()
RETURNING cart_id`

/**
 * The carts orders were placed from, with where each shopper came from: one read for one order or a backfill page
 * (the order_id index). Parameter: json array of order ids.
 */
export const CARTS_OF_ORDERS = `
SELECT DISTINCT ON (order_id) order_id, cart_id, campaign_id, landing_site FROM mailchimp_commerce_cart
WHERE order_id = ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb))) AND deleted_at IS NULL
ORDER BY order_id, created_at`

/** …and its Mailchimp copy is to be deleted (newer-wins: the revision moves). Parameters: id, cart_id. */
export const REQUEST_CART_DELETE = `
INSERT INTO mailchimp_commerce_sync AS s (id, object_type, object_id, action, status, requested_at, revision, attempts, created_at, updated_at)
VALUES (?, 'cart', ?, 'delete', 'pending', now(), 1, 0, now(), now())
ON CONFLICT (object_type, object_id) WHERE deleted_at IS NULL DO UPDATE SET
  action = 'delete', status = 'pending', requested_at = now(), revision = s.revision + 1, error = NULL, note = NULL, updated_at = now()
RETURNING s.object_type, s.object_id, s.revision`

export const GET_CART = `SELECT * FROM mailchimp_commerce_cart WHERE cart_id = ? AND deleted_at IS NULL LIMIT 1`

/** Remembers the lines Mailchimp holds (null: unknown). Parameters: id, cart_id, lines json. */
export const SET_LINES_SENT = `
INSERT INTO mailchimp_commerce_cart AS c (id, cart_id, lines_sent, created_at, updated_at) VALUES (?, ?, ?::jsonb, now(), now())
ON CONFLICT (cart_id) WHERE deleted_at IS NULL DO UPDATE SET lines_sent = excluded.lines_sent, updated_at = now()`

/** Where the shopper came from (the storefront's first page). Parameters: id, cart_id, campaign_id, landing_site. */
export const SET_CART_SOURCE = `
INSERT INTO mailchimp_commerce_cart AS c (id, cart_id, campaign_id, landing_site, created_at, updated_at) VALUES (?, ?, ?, ?, now(), now())
ON CONFLICT (cart_id) WHERE deleted_at IS NULL DO UPDATE SET
  campaign_id = coalesce(excluded.campaign_id, c.campaign_id), landing_site = coalesce(excluded.landing_site, c.landing_site), updated_at = now()
WHERE c.completed_at IS NULL`

/** A recovery link was used (only for a cart not completed). Parameters: id, cart_id. */
export const RECORD_RECOVERY = `
INSERT INTO mailchimp_commerce_cart AS c (id, cart_id, recovered_at, recovery_uses, created_at, updated_at) VALUES (?, ?, now(), 1, now(), now())
ON CONFLICT (cart_id) WHERE deleted_at IS NULL DO UPDATE SET
  recovered_at = now(), recovery_uses = c.recovery_uses + 1, updated_at = now()
WHERE c.completed_at IS NULL
RETURNING cart_id`

/**
 * The admin's figures: carts Mailchimp holds, carts recovered (an order placed after a recovery link was used) and
 * their revenue (what the buyers kept paying: the purchase rows' net totals).
 */
export const CART_FIGURES = `
SELECT
  (SELECT count(*) FROM mailchimp_commerce_sync WHERE object_type = 'cart' AND remote_exists AND action = 'upsert' AND deleted_at IS NULL)::int AS in_mailchimp,
  (SELECT count(*) FROM mailchimp_commerce_sync WHERE object_type = 'cart' AND status = 'pending' AND deleted_at IS NULL)::int AS pending,
  count(c.id)::int AS recovered,
  coalesce(sum(p.net_total), 0)::float AS recovered_revenue,
  max(p.currency_code) AS currency_code
FROM mailchimp_commerce_cart c
LEFT JOIN mailchimp_purchase_order p ON p.order_id = c.order_id AND p.deleted_at IS NULL
WHERE c.deleted_at IS NULL AND c.recovered_at IS NOT NULL AND c.completed_at >= c.recovered_at`

/**
 * Carts Mailchimp holds that are too old to be worth a reminder (or abandoned past the option's age): their
 * deletion is requested. Parameters: before (the carts' last request), limit.
 */
export const EXPIRED_CARTS = `
SELECT object_id FROM mailchimp_commerce_sync
WHERE object_type = 'cart' AND action = 'upsert' AND remote_exists AND status <> 'pending' AND requested_at <= ? AND deleted_at IS NULL
ORDER BY requested_at LIMIT ?`
