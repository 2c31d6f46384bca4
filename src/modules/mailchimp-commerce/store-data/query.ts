/** The slice of Medusa's Query the readers use; the store's container provides it. */
export type GraphQuery = {
  graph(input: {
    entity: string
    fields: string[]
    filters?: Record<string, unknown>
    pagination?: { skip?: number; take?: number; order?: Record<string, "ASC" | "DESC"> }
    withDeleted?: boolean
  }): Promise<{ data: any[]; metadata?: { count?: number } }>
}

/** A page of records after `after` (by id), optionally created since a date, in id order. */
export async function readPage<T>(
  query: GraphQuery,
  entity: string,
  fields: string[],
  opts: { after?: string | null; since?: Date | null; take: number; filters?: Record<string, unknown> }
): Promise<T[]> {
  const filters: Record<string, unknown> = { ...(opts.filters ?? {}) }
  if (opts.after) filters.id = { $gt: opts.after }
  if (opts.since) filters.created_at = { $gte: opts.since }
  const { data } = await query.graph({
    entity,
    fields,
    filters,
    pagination: { take: opts.take, order: { id: "ASC" } },
  })
  return data as T[]
}

/** How many records a kind has (optionally created since a date). */
export async function countRecords(
  query: GraphQuery,
  entity: string,
  opts: { since?: Date | null; filters?: Record<string, unknown> } = {}
): Promise<number> {
  const filters: Record<string, unknown> = { ...(opts.filters ?? {}) }
  if (opts.since) filters.created_at = { $gte: opts.since }
  const { metadata } = await query.graph({ entity, fields: ["id"], filters, pagination: { take: 1, skip: 0 } })
  return metadata?.count ?? 0
}
