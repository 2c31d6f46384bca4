import type { ProcessorContext } from "../context"

type Event = { type: string; email: string | null; fired_at: Date; payload: Record<string, unknown> }

const addressesOf = (event: Event): string[] => {
  const data = (event.payload?.data ?? {}) as Record<string, unknown>
  return [event.email, typeof data.new_email === "string" ? data.new_email : null].filter((a): a is string => !!a)
}

/** The erased addresses among those the events name, with when (one read for a whole page). */
export async function erasedAddressesOf(events: Event[], ctx: ProcessorContext): Promise<Map<string, Date>> {
  const addresses = events.flatMap(addressesOf)
  return addresses.length ? ctx.service.erasedSince(addresses) : new Map()
}

/**
 * Whether a delivery is about an erased address: it then changes nothing and is emptied, unless it is that
 * person's own fresh opt-in in Mailchimp (a `subscribe` fired after the erasure).
 */
export function aboutErasedAddress(event: Event, erased: Map<string, Date>): boolean {
  const hits = addressesOf(event)
    .map((a) => erased.get(a.trim().toLowerCase()))
    .filter((at): at is Date => !!at)
  if (!hits.length) return false
  const firedAt = new Date(event.fired_at).getTime()
  const freshOptIn = event.type === "subscribe" && hits.every((at) => firedAt > at.getTime())
  return !freshOptIn
}
