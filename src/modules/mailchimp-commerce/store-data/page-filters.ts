export type PageSelect = { after?: string | null; since?: Date | null; take: number }

/** Adds a page's conditions (after an id, created since a date) on the table `alias` to `where` and `bindings`. */
export function addPageFilters(alias: string, page: PageSelect, where: string[], bindings: unknown[]): void {
  if (page.after) {
    where.push(`${alias}.id > ?`)
    bindings.push(page.after)
  }
  if (page.since) {
    where.push(`${alias}.created_at >= ?`)
    bindings.push(page.since)
  }
}
