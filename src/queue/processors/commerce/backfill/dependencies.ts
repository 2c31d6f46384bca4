import type { BackfillKind } from "../../../../types/mailchimp-commerce-module"

/**
 * Orders name products (their lines) and merge fields come from the orders' profiles: a kind
 * starts once the kind it needs, when the run includes it, has finished.
 */
export const NEEDS: Partial<Record<BackfillKind, BackfillKind>> = { orders: "products", merge_fields: "orders" }

export function blockedBy(kind: BackfillKind, tasks: { kind: string; status: string }[]): BackfillKind | null {
  const need = NEEDS[kind]
  if (!need) return null
  const task = tasks.find((t) => t.kind === need)
  return task && task.status !== "finished" ? need : null
}
