/**
 * Purchase rows and profiles. Profiles are always computed from the purchase rows, in one
 * statement, so a profile refreshed after one event and one rebuilt from scratch are the same.
 */

const RAW = (col: string) => `jsonb_build_object('value', (${col})::text, 'precision', 20)`

/**
 * Upserts purchase rows (a json array of PurchaseOrderRow + id); returns every email touched, before and after.
 * The rows' items are replaced next (REPLACE_PURCHASE_ITEMS).
 */
export const UPSERT_PURCHASE_ORDERS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(
    id text, order_id text, email text, customer_id text, currency_code text, status text,
    total numeric, refunded_total numeric, net_total numeric, placed_at timestamptz, canceled_at timestamptz,
    product_ids jsonb, variant_ids jsonb, category_ids jsonb, collection_ids jsonb, campaign_id text)
),
previous AS (
  -- One index lookup per input row (LATERAL … LIMIT 1 is not flattened): a backfill grows the table faster than
  -- autovacuum analyzes it, and a plan made on stale statistics walked every row for every input row.
  SELECT p.email FROM input i
  CROSS JOIN LATERAL (
    SELECT o.email FROM mailchimp_purchase_order o WHERE o.order_id = i.order_id AND o.deleted_at IS NULL LIMIT 1
  ) p
),
upserted AS (
  INSERT INTO mailchimp_purchase_order (id, order_id, email, customer_id, currency_code, status,
    total, raw_total, refunded_total, raw_refunded_total, net_total, raw_net_total, placed_at, canceled_at,
    product_ids, variant_ids, category_ids, collection_ids, campaign_id, created_at, updated_at)
  SELECT id, order_id, email, customer_id, currency_code, status,
    total, ${RAW("total")}, refunded_total, ${RAW("refunded_total")}, net_total, ${RAW("net_total")}, placed_at, canceled_at,
    ARRAY(SELECT jsonb_array_elements_text(product_ids)), ARRAY(SELECT jsonb_array_elements_text(variant_ids)),
    ARRAY(SELECT jsonb_array_elements_text(category_ids)), ARRAY(SELECT jsonb_array_elements_text(collection_ids)),
    campaign_id, now(), now()
  FROM input
  ON CONFLICT (order_id) WHERE deleted_at IS NULL DO UPDATE SET
    email = excluded.email, customer_id = excluded.customer_id, currency_code = excluded.currency_code,
    status = excluded.status, total = excluded.total, raw_total = excluded.raw_total,
    refunded_total = excluded.refunded_total, raw_refunded_total = excluded.raw_refunded_total,
    net_total = excluded.net_total, raw_net_total = excluded.raw_net_total, placed_at = excluded.placed_at,
    canceled_at = excluded.canceled_at, product_ids = excluded.product_ids, variant_ids = excluded.variant_ids,
    category_ids = excluded.category_ids, collection_ids = excluded.collection_ids,
    campaign_id = excluded.campaign_id, updated_at = now()
  RETURNING email
)
SELECT email FROM previous UNION SELECT email FROM upserted`

const arrayUnion = (col: string) => `ARRAY(
      SELECT DISTINCT x FROM mailchimp_purchase_order o2, unnest(o2.${col}) x
      WHERE o2.email = a.email AND o2.status = 'placed' AND o2.deleted_at IS NULL ORDER BY 1)`

/**
 * Recomputes the profiles of the target emails from their purchase rows; answers the emails
 * whose profile was created or changed. `target` is a SELECT of one column named email.
 * Parameters: the target's own, then the default currency twice. With `dropOrphans`, the target
 * emails left without any purchase row lose their profile in the same statement (answered too).
 */
function refreshProfiles(target: string, { dropOrphans = false, few = false, counted = false } = {}): string {
  // A few emails: their rows are looked up by the email index whatever the statistics say. A join with the
  // target lets a table that grew since its last analyze (a backfill, a busy hour) be scanned whole per order.
  const ofTarget = few ? " AND o.email = ANY(ARRAY(SELECT email FROM target))" : ""
  const head = `
WITH target AS (${target}),
agg AS (
  SELECT o.email,
    (array_agg(o.customer_id ORDER BY o.placed_at DESC) FILTER (WHERE o.customer_id IS NOT NULL))[1] AS customer_id,
    (count(*) FILTER (WHERE o.status = 'placed'))::int AS orders_count,
    (count(*) FILTER (WHERE o.status = 'placed' AND o.currency_code = cur.code))::int AS spent_orders_count,
    coalesce(sum(o.net_total) FILTER (WHERE o.status = 'placed' AND o.currency_code = cur.code), 0) AS total_spent,
    (count(*) FILTER (WHERE o.status = 'canceled'))::int AS canceled_count,
    min(o.placed_at) FILTER (WHERE o.status = 'placed') AS first_order_at,
    max(o.placed_at) FILTER (WHERE o.status = 'placed') AS last_order_at,
    cur.code AS currency_code
  FROM mailchimp_purchase_order o
  JOIN target t ON t.email = o.email
  CROSS JOIN (SELECT ?::text AS code) cur
  WHERE o.deleted_at IS NULL${ofTarget}
  GROUP BY o.email, cur.code
),
others AS (
  SELECT email, jsonb_object_agg(currency_code, jsonb_build_object('orders', n, 'spent', spent::text)) AS other_currencies
  FROM (
    SELECT o.email, o.currency_code, count(*)::int AS n, sum(o.net_total) AS spent
    FROM mailchimp_purchase_order o JOIN target t ON t.email = o.email
    WHERE o.deleted_at IS NULL AND o.status = 'placed' AND o.currency_code <> ?${ofTarget}
    GROUP BY o.email, o.currency_code
  ) per_currency
  GROUP BY email
),
computed AS (
  SELECT a.*,
    CASE WHEN a.spent_orders_count > 0 THEN round(a.total_spent / a.spent_orders_count, 4) ELSE 0 END AS average_order,
    coalesce(x.other_currencies, '{}'::jsonb) AS other_currencies,
    ${arrayUnion("product_ids")} AS product_ids,
    ${arrayUnion("variant_ids")} AS variant_ids,
    ${arrayUnion("category_ids")} AS category_ids,
    ${arrayUnion("collection_ids")} AS collection_ids
  FROM agg a LEFT JOIN others x ON x.email = a.email
)`
  const upsert = `
INSERT INTO mailchimp_purchase_profile AS p (id, email, customer_id, currency_code, orders_count, spent_orders_count,
  total_spent, raw_total_spent, average_order, raw_average_order, canceled_count, first_order_at, last_order_at,
  other_currencies, product_ids, variant_ids, category_ids, collection_ids, created_at, updated_at)
SELECT 'mcpp_' || upper(substr(md5(c.email || clock_timestamp()::text), 1, 26)), c.email, c.customer_id, c.currency_code,
  c.orders_count, c.spent_orders_count, c.total_spent, ${RAW("c.total_spent")}, c.average_order, ${RAW("c.average_order")},
  c.canceled_count, c.first_order_at, c.last_order_at, c.other_currencies,
  c.product_ids, c.variant_ids, c.category_ids, c.collection_ids, now(), now()
FROM computed c
ON CONFLICT (email) WHERE deleted_at IS NULL DO UPDATE SET
  customer_id = excluded.customer_id, currency_code = excluded.currency_code, orders_count = excluded.orders_count,
  spent_orders_count = excluded.spent_orders_count, total_spent = excluded.total_spent,
  raw_total_spent = excluded.raw_total_spent, average_order = excluded.average_order,
  raw_average_order = excluded.raw_average_order, canceled_count = excluded.canceled_count,
  first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at,
  other_currencies = excluded.other_currencies, product_ids = excluded.product_ids,
  variant_ids = excluded.variant_ids, category_ids = excluded.category_ids,
  collection_ids = excluded.collection_ids, updated_at = now()
WHERE (p.customer_id, p.currency_code, p.orders_count, p.spent_orders_count, p.total_spent, p.canceled_count,
       p.first_order_at, p.last_order_at, p.other_currencies, p.product_ids, p.variant_ids, p.category_ids, p.collection_ids)
  IS DISTINCT FROM
      (excluded.customer_id, excluded.currency_code, excluded.orders_count, excluded.spent_orders_count,
       excluded.total_spent, excluded.canceled_count, excluded.first_order_at, excluded.last_order_at,
       excluded.other_currencies, excluded.product_ids, excluded.variant_ids, excluded.category_ids, excluded.collection_ids)
RETURNING p.email`
  // Counted: the changed addresses stay in Postgres (a million of them would be a million strings in the worker).
  if (counted) return `${head},\nupserted AS (${upsert})\nSELECT count(*)::int AS changed FROM upserted`
  if (!dropOrphans) return `${head}${upsert}`
  // agg holds every target email with a purchase row, read from the same snapshot as the upsert.
  return `${head},
upserted AS (${upsert}),
dropped AS (
  DELETE FROM mailchimp_purchase_profile p
  WHERE p.deleted_at IS NULL AND p.email = ANY(ARRAY(SELECT email FROM target)) AND NOT EXISTS (SELECT 1 FROM agg a WHERE a.email = p.email)
  RETURNING p.email
)
SELECT email FROM upserted UNION ALL SELECT email FROM dropped`
}

/**
 * Parameters: json array of emails, default currency, default currency. The live path (one order) drops
 * only these emails' orphans: a sweep over every profile made each order cost a pass over the table.
 */
export const REFRESH_PROFILES_OF = refreshProfiles(`SELECT DISTINCT jsonb_array_elements_text(?::jsonb) AS email`, {
  dropOrphans: true,
  few: true,
})

/** Parameters: default currency, default currency. */
export const REFRESH_ALL_PROFILES = refreshProfiles(
  `SELECT DISTINCT email FROM mailchimp_purchase_order WHERE deleted_at IS NULL`
)

/** REFRESH_ALL_PROFILES answering only how many changed. Parameters: default currency, default currency. */
export const REFRESH_ALL_PROFILES_COUNTED = refreshProfiles(
  `SELECT DISTINCT email FROM mailchimp_purchase_order WHERE deleted_at IS NULL`,
  { counted: true }
)

/** Profiles whose email no longer has any purchase row (an order moved to another address). */
export const DELETE_ORPHAN_PROFILES = `
DELETE FROM mailchimp_purchase_profile p
WHERE p.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM mailchimp_purchase_order o WHERE o.email = p.email AND o.deleted_at IS NULL)
RETURNING p.email`

/** DELETE_ORPHAN_PROFILES answering only how many went. */
export const DELETE_ORPHAN_PROFILES_COUNTED = `
WITH dropped AS (${DELETE_ORPHAN_PROFILES})
SELECT count(*)::int AS dropped FROM dropped`

/** Forgets every purchase row, its items and every profile: the first step of a rebuild. */
export const CLEAR_PURCHASES = [`DELETE FROM mailchimp_purchase_profile`, `DELETE FROM mailchimp_purchase_item`, `DELETE FROM mailchimp_purchase_order`]

export const PROFILE_FIGURES_OF = `
SELECT orders_count, total_spent, first_order_at, last_order_at FROM mailchimp_purchase_profile
WHERE email = ? AND deleted_at IS NULL
LIMIT 1`
