import type { SegmentConditionType, SegmentDefinitionType } from "../rules/conditions"

/**
 * Turns a segment's conditions into one parameterised SQL query, evaluated in Postgres. The
 * population is the audience's members that are `subscribed` and whose latest consent is an
 * opt-in; each condition is a predicate over the member (`m`), their purchase profile (`p`, may be
 * missing: no purchases), their customer rows (matched by the member's customer id or address),
 * their purchase rows and their email activity. Values are always bindings, never spliced.
 *
 * Knex raw bindings: `?` takes one value; an array bound to `?` expands into a list (`IN (?)`,
 * `ARRAY[?]`), so arrays bound here are never empty (the schema requires at least one id).
 *
 * Shaped for the planner (EXPLAIN ANALYZE in the segments bench, up to 1M members / 10M purchase rows):
 * - the consent check over everyone is a semi-join on the opt-ins and an anti-join on the addresses whose
 *   latest withdrawal stands (a materialized CTE found from the few withdrawals), not a per-member probe
 *   of every consent row; for one address it stays the correlated EXISTS over the email index;
 * - "bought" on the profile is a bare `&&`, so the profile's GIN index can serve it (a missing
 *   profile gives NULL, which a WHERE drops like false; "not bought" keeps the coalesce);
 * - "bought within N days" over everyone reads the commerce module's purchase items once (a materialized
 *   CTE, a range of the (item_type, item_id, placed_at) B-tree read from the index alone, one address
 *   each) and is a hashed `IN`; for one address (a re-evaluation) it stays a correlated EXISTS over the
 *   purchase rows' (email, placed_at) index.
 */
/**
 * `hashJoins`: the query reads a recent-purchases CTE, whose size the planner cannot see (it takes 200 distinct
 * addresses for 115,516 at 1M/10M) and so probes profiles and members once per address; hash joins read each once
 * (EXPLAIN ANALYZE on the 1M/10M seed under load 7: 7.8–9.9 s with nested loops, 5.4–6.0 s without).
 */
export type CompiledQuery = { sql: string; bindings: unknown[]; hashJoins?: boolean }

const OPS: Record<string, string> = { gt: ">", gte: ">=", lt: "<", lte: "<=", eq: "=" }

const FIGURES: Record<string, string> = {
  orders_count: "coalesce(p.orders_count, 0)",
  total_spent: "coalesce(p.total_spent, 0)",
  average_order: "coalesce(p.average_order, 0)",
}

const ORDER_DATES: Record<string, string> = { first_order_date: "p.first_order_at", last_order_date: "p.last_order_at" }

const ITEM_COLUMNS: Record<string, string> = {
  product: "product_ids",
  variant: "variant_ids",
  category: "category_ids",
  collection: "collection_ids",
}

// The member's customer rows: linked by id, or sharing the address (member addresses are lower-cased;
// compared as stored so that the customer email index serves it).
const CUSTOMER = `customer c WHERE c.deleted_at IS NULL AND (c.id = m.customer_id OR c.email = m.email)`

function relative(column: string, op: "within_days" | "more_than_days_ago", days: number, out: unknown[]): string {
  out.push(days)
  return op === "within_days"
    ? `(${column} IS NOT NULL AND ${column} >= now() - make_interval(days => ?))`
    : `(${column} IS NOT NULL AND ${column} < now() - make_interval(days => ?))`
}

/**
 * The addresses of an audience whose latest withdrawal (opt-out, cleaning, erasure) has no opt-in after it. An
 * address with an opt-in and none of these is exactly one whose opt-in has no withdrawal at the same time or later.
 */
const WITHDRAWN =
  `SELECT DISTINCT co.email FROM mailchimp_consent co WHERE co.audience_id = ? AND co.deleted_at IS NULL ` +
  `AND co.action IN ('opt_out', 'cleaned', 'erased') AND NOT EXISTS (SELECT 1 FROM mailchimp_consent ci ` +
  `WHERE ci.email = co.email AND ci.audience_id = co.audience_id AND ci.deleted_at IS NULL AND ci.action = 'opt_in' AND ci.created_at > co.created_at)`

/**
 * What a compilation collects besides the WHERE clause: the CTEs to put in front (each with its own
 * bindings, which come first in the statement). `ctes` undefined: one address, no CTE wanted.
 */
type Prelude = { ctes?: { name: string; sql: string; bindings: unknown[] }[] }

function predicate(c: SegmentConditionType, out: unknown[], prelude: Prelude): string {
  switch (c.type) {
    case "orders_count":
    case "total_spent":
    case "average_order":
      out.push(c.value)
      return `${FIGURES[c.type]} ${OPS[c.op]} ?`
    case "first_order_date":
    case "last_order_date":
      return relative(ORDER_DATES[c.type], c.op, c.days, out)
    case "bought":
    case "not_bought": {
      const column = ITEM_COLUMNS[c.item]
      let bought: string
      if (c.within_days && prelude.ctes) {
        // Recent purchases, over everyone: the addresses with an item of a placed, live order row in the
        // window (the commerce module's purchase items), read once from the item index alone; never NULL,
        // so `NOT IN` is exact.
        const name = `bought_${prelude.ctes.length + 1}`
        prelude.ctes.push({
          name,
          sql:
            `SELECT DISTINCT i.email FROM mailchimp_purchase_item i WHERE i.item_type = ? AND i.item_id IN (?) ` +
            `AND i.placed_at >= now() - make_interval(days => ?)`,
          bindings: [c.item, c.ids, c.within_days],
        })
        bought = `m.email IN (SELECT b.email FROM ${name} b)`
      } else if (c.within_days) {
        // Recent purchases of one address: its order rows (placed, not canceled) in the window.
        out.push(c.ids, c.within_days)
        bought =
          `EXISTS (SELECT 1 FROM mailchimp_purchase_order o WHERE o.deleted_at IS NULL AND o.email = m.email ` +
          `AND o.status = 'placed' AND o.${column} && ARRAY[?]::text[] AND o.placed_at >= now() - make_interval(days => ?))`
      } else {
        out.push(c.ids)
        // No profile (no purchases): NULL, dropped by the WHERE as false would be; negated, it must be false.
        bought = c.type === "bought" ? `p.${column} && ARRAY[?]::text[]` : `coalesce(p.${column} && ARRAY[?]::text[], false)`
      }
      return c.type === "bought" ? bought : `NOT (${bought})`
    }
    case "country": {
      out.push(c.countries.map((x) => x.toLowerCase()))
      const has = `EXISTS (SELECT 1 FROM ${CUSTOMER} AND EXISTS (SELECT 1 FROM customer_address a WHERE a.customer_id = c.id AND a.deleted_at IS NULL AND lower(a.country_code) IN (?)))`
      return c.op === "in" ? has : `NOT ${has}`
    }
    case "customer_group": {
      out.push(c.group_ids)
      const has = `EXISTS (SELECT 1 FROM ${CUSTOMER} AND EXISTS (SELECT 1 FROM customer_group_customer g WHERE g.customer_id = c.id AND g.deleted_at IS NULL AND g.customer_group_id IN (?)))`
      return c.op === "in" ? has : `NOT ${has}`
    }
    case "customer_created": {
      const when = relative("c.created_at", c.op, c.days, out)
      return `EXISTS (SELECT 1 FROM ${CUSTOMER} AND ${when})`
    }
    case "has_account": {
      const has = `EXISTS (SELECT 1 FROM ${CUSTOMER} AND c.has_account = true)`
      return c.value ? has : `NOT ${has}`
    }
    case "engagement": {
      const action = c.action === "clicked" ? "click" : "open"
      let sql = `EXISTS (SELECT 1 FROM mailchimp_email_activity ea WHERE ea.deleted_at IS NULL AND ea.email = m.email AND ea.action = ?`
      out.push(action)
      if (c.campaign_id) {
        sql += ` AND ea.campaign_id = ?`
        out.push(c.campaign_id)
      }
      if (c.within_days) {
        sql += ` AND ea.occurred_at >= now() - make_interval(days => ?)`
        out.push(c.within_days)
      }
      sql += ")"
      return c.action === "never_opened" ? `NOT ${sql}` : sql
    }
  }
}

/** The WHERE clause of a definition's conditions, with its bindings appended to `out`. */
export function compileConditions(def: SegmentDefinitionType, out: unknown[], prelude: Prelude = {}): string {
  const parts = def.conditions.map((c) => `(${predicate(c, out, prelude)})`)
  return parts.join(def.match === "any" ? " OR " : " AND ")
}

/**
 * The members a definition selects: `SELECT email, customer_id FROM …`. `email` restricts it to
 * one address (a customer's re-evaluation).
 */
export function compileSegmentQuery(
  def: SegmentDefinitionType,
  input: { audienceId: string; email?: string }
): CompiledQuery {
  const bindings: unknown[] = [input.audienceId]
  let where = `m.deleted_at IS NULL AND m.audience_id = ? AND m.status = 'subscribed'`
  if (input.email) {
    where += ` AND m.email = ?`
    bindings.push(input.email.trim().toLowerCase())
  }
  // The latest consent event of the address in this audience must be an opt-in (a pending opt-out keeps it out):
  // an opt-in with no opt-out, cleaning or erasure at the same time or later. A consent is given to one audience:
  // an opt-in to another audience never counts here.
  const prelude: Prelude = input.email ? {} : { ctes: [] }
  if (prelude.ctes) {
    // Over everyone, the same rule read the other way round: an opt-in, and not among the addresses whose
    // latest withdrawal has no opt-in after it (found from the withdrawals, which are few, once).
    prelude.ctes.push({ name: "withdrawn", sql: WITHDRAWN, bindings: [input.audienceId] })
    // Uncorrelated (the audience bound, not m's), so that Postgres can make it a semi-join.
    where +=
      ` AND m.email IN (SELECT ci.email FROM mailchimp_consent ci WHERE ci.audience_id = ? AND ci.deleted_at IS NULL AND ci.action = 'opt_in')` +
      ` AND NOT EXISTS (SELECT 1 FROM withdrawn w WHERE w.email = m.email)`
    bindings.push(input.audienceId)
  } else {
    where +=
      ` AND EXISTS (SELECT 1 FROM mailchimp_consent ci WHERE ci.email = m.email AND ci.audience_id = m.audience_id AND ci.deleted_at IS NULL AND ci.action = 'opt_in'` +
      ` AND NOT EXISTS (SELECT 1 FROM mailchimp_consent co WHERE co.email = ci.email AND co.audience_id = ci.audience_id AND co.deleted_at IS NULL` +
      ` AND co.action IN ('opt_out', 'cleaned', 'erased') AND co.created_at >= ci.created_at))`
  }
  const conditions = compileConditions(def, bindings, prelude)
  const ctes = prelude.ctes ?? []
  const sql =
    (ctes.length ? `WITH ${ctes.map((c) => `${c.name} AS MATERIALIZED (${c.sql})`).join(", ")} ` : "") +
    `SELECT m.email, coalesce(m.customer_id, p.customer_id) AS customer_id FROM mailchimp_member m ` +
    `LEFT JOIN mailchimp_purchase_profile p ON p.email = m.email AND p.deleted_at IS NULL ` +
    `WHERE ${where} AND (${conditions})`
  return { sql, bindings: [...ctes.flatMap((c) => c.bindings), ...bindings], hashJoins: ctes.some((c) => c.name.startsWith("bought_")) }
}
