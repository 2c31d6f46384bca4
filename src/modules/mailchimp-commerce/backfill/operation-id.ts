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
  // A batch for several stores marks each store's operations `@n` (mergePlans): the step is what comes before.
  const step = bar === -1 ? "" : id.slice(bar + 1).replace(/@\d+$/, "")
  return Number.isInteger(index) && index >= 0 ? { index, step } : null
}
