/** The slice of the store's shared Postgres connection (Knex, PG_CONNECTION) the table readers use. */
export type SqlConnection = { raw(sql: string, bindings?: readonly unknown[]): Promise<{ rows: any[] }> }

/**
 * An id list for `column = ANY(…)`, so that the column's index is read whatever the table's statistics say (an
 * `IN (SELECT jsonb_array_elements_text(…))` let the planner start from another table and scan it, per order,
 * while a growing table's statistics lagged behind). Up to 250 ids go as a text[] the planner sees whole; a
 * longer list (a backfill page) as an array built at run time, which the planner sizes at a few rows: seen
 * whole, a thousand ids made it prefer a scan of the table to a thousand index reads.
 */
export function idList(ids: readonly string[]): { any: string; binding: string } {
  return ids.length <= 250
    ? { any: "ANY(?::text[])", binding: textArray(ids) }
    : { any: "ANY(ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))", binding: JSON.stringify(ids) }
}

/** A Postgres text[] literal (each element quoted, `"` and `\\` escaped). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`
}
