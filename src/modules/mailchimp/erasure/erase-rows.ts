/** Who an erasure is about: addresses (any case) and customer ids. */
export type ErasedPeople = { emails: string[]; customer_ids: string[] }

/**
 * The statement that removes a table's rows about the people (an `email` and a `customer_id` column), the
 * soft-deleted ones included, and its parameters. Each module runs it on its own tables.
 */
export function eraseRowsOf(table: string, people: ErasedPeople): [string, string[]] {
  return [
    `DELETE FROM ${table} WHERE lower(email) IN (SELECT jsonb_array_elements_text(?::jsonb))
     OR customer_id IN (SELECT jsonb_array_elements_text(?::jsonb)) RETURNING id`,
    [JSON.stringify(people.emails.map((e) => e.trim().toLowerCase())), JSON.stringify(people.customer_ids)],
  ]
}
