import type { MedusaOrder } from "../mapping/medusa-types"

const MAX_HELD = 2_000
const TTL_MS = 60_000

type Held = { order: MedusaOrder; revision: number | null; open: number; contested: boolean; at: number }

const held = new Map<string, Held>()

/*
 * The live path would read each order twice: the purchase step when its event comes, and the
 * e-commerce job syncDelayMs later (a dozen statements each, the largest share of an order's
 * database work). The step's read is handed to the job when both run in one process, tied to the
 * sync revision the step's request made. The job takes it only while the row still has that
 * revision: any later change to the order passes the step again, which reads anew and raises it.
 * Two steps reading one order at once may finish out of order, so that order's job reads it itself.
 */

/** The purchase step read this order and is about to request its sync. */
export function holdOrderRead(order: MedusaOrder): void {
  const entry = held.get(order.id)
  const open = (entry?.open ?? 0) + 1
  const now = Date.now()
  held.delete(order.id)
  held.set(order.id, { order, revision: null, open, contested: (entry?.contested ?? false) || open > 1, at: now })
  // Oldest first: reads whose job ran elsewhere (another worker) or never came are let go.
  for (const [id, e] of held) {
    if (held.size <= MAX_HELD && now - e.at <= TTL_MS) break
    held.delete(id)
  }
}

/** The step's request made this revision of the order's sync row. */
export function sealOrderRead(orderId: string, revision: number): void {
  const entry = held.get(orderId)
  if (!entry) return
  entry.open = Math.max(0, entry.open - 1)
  entry.revision = revision
}

/** The read the step handed over for this revision, if there is one; it is handed over once. */
export function takeOrderRead(orderId: string, revision: number): MedusaOrder | undefined {
  const entry = held.get(orderId)
  if (!entry || entry.open > 0) return undefined
  held.delete(orderId)
  const usable = !entry.contested && entry.revision === revision && Date.now() - entry.at <= TTL_MS
  return usable ? entry.order : undefined
}

/** How many reads are held (for tests). */
export function heldOrderReads(): number {
  return held.size
}
