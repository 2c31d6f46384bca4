import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/**
 * The reconciler's walk over one source of unfinished rows: a page a run, after a cursor (updated_at, id) that
 * persists across runs in a module's cursor table (one row per source), on a partial index of the source's
 * unfinished rows in (updated_at, id) order. A page is an index range scan that stops at its LIMIT whatever the size
 * of the table; a page shorter than asked ends the walk, and the next run starts again from the oldest (a lap).
 */
export type ReconcileSource = {
  /** The cursor's row in the cursor table. */
  cursor: string
  /** The module's cursor table (reconcileCursorModel). */
  cursorTable: string
  table: string
  /** The unfinished state: exactly the WHERE of the source's partial index on (updated_at, id). */
  unfinished: string
  /** What a page answers of each row. */
  columns: string[]
}

/** More conditions on the page's rows (not in the index: rows they leave out are walked past), with their parameters. */
export type ReconcileFilter = { where: string; params: unknown[] }

export type ReconcilePage<Row> = { rows: Row[]; lapped: boolean }

// The time goes out as text: a timestamptz keeps microseconds, and a cursor rounded to milliseconds would read rows
// again (named walk_at, not updated_at: ORDER BY would take the alias and sort text).
const pageQuery = (source: ReconcileSource, filter: ReconcileFilter | undefined, afterCursor: boolean) => `
SELECT ${source.columns.join(", ")}, id AS walk_id, updated_at::text AS walk_at FROM ${source.table}
WHERE ${source.unfinished} AND updated_at <= ?${filter ? ` AND ${filter.where}` : ""}${
  afterCursor ? " AND (updated_at, id) > (?::timestamptz, ?::text)" : ""
}
ORDER BY updated_at, id LIMIT ?`

/**
 * The next page of the source's unfinished rows untouched since `before`, after its cursor; the cursor moves past the
 * page, or back to the start with one lap more. Call it in a transaction: the cursor is locked until it commits, so
 * two reconcilers at once take turns.
 */
export async function nextUnfinishedPage<Row>(
  sql: SqlEntityManager,
  source: ReconcileSource,
  before: Date,
  limit: number,
  filter?: ReconcileFilter
): Promise<ReconcilePage<Row>> {
  await sql.execute(`INSERT INTO ${source.cursorTable} (id, laps) VALUES (?, 0) ON CONFLICT (id) DO NOTHING`, [source.cursor])
  const [cursor] = (await sql.execute(
    `SELECT after_at::timestamptz::text AS after_at, after_id FROM ${source.cursorTable} WHERE id = ? FOR UPDATE`,
    [source.cursor]
  )) as { after_at: string | null; after_id: string | null }[]
  const after = cursor?.after_at ? [cursor.after_at, cursor.after_id] : []
  const rows = (await sql.execute(pageQuery(source, filter, after.length > 0), [before, ...(filter?.params ?? []), ...after, limit])) as (Row & {
    walk_id: string
    walk_at: string
  })[]
  const lapped = rows.length < limit
  const last = lapped ? null : rows.at(-1)!
  await sql.execute(
    `UPDATE ${source.cursorTable} SET after_at = ?, after_id = ?, laps = laps + ?, updated_at = now() WHERE id = ?`,
    [last?.walk_at ?? null, last?.walk_id ?? null, lapped ? 1 : 0, source.cursor]
  )
  return { rows: rows.map(({ walk_id, walk_at, ...row }) => row as unknown as Row), lapped }
}

export type ReconcileCursorState = { after_id: string | null; laps: number }

/** Where each walk of a cursor table stands, by source (a source not walked yet is absent). */
export async function reconcileCursors(sql: SqlEntityManager, cursorTable: string): Promise<Record<string, ReconcileCursorState>> {
  const rows = (await sql.execute(`SELECT id, after_id, laps FROM ${cursorTable}`)) as ({ id: string } & ReconcileCursorState)[]
  return Object.fromEntries(rows.map(({ id, after_id, laps }) => [id, { after_id, laps }]))
}
