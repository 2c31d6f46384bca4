/**
 * Operation ids: `{index}|{step}`, the index into the batch row's object_ids (ids and addresses
 * may hold any character; results come back in no particular order).
 */
export function operationId(index: number, step: string): string {
  return `${index}|${step}`
}

export function parseOperationId(id: string | null | undefined): { index: number; step: string } | null {
  if (!id) return null
  const bar = id.indexOf("|")
  const index = Number(bar === -1 ? id : id.slice(0, bar))
  return Number.isInteger(index) && index >= 0 ? { index, step: bar === -1 ? "" : id.slice(bar + 1) } : null
}
