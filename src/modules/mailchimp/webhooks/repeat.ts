/**
 * Mailchimp sends no delivery id, so a delivery whose body matches a stored one is taken for a retry.
 * But a person can really do the same thing twice within one second (unsubscribe, be asked to re-confirm,
 * unsubscribe again): a matching status event is a new occurrence when the member has moved away from the
 * status that event set since it was applied.
 */
export type PriorEvent = {
  type: string
  status: string
  action: string | null
  member_status: string | null
}

export function statusSetBy(type: string, action: string | null): string | null {
  if (type === "subscribe") return "subscribed"
  if (type === "unsubscribe") return action === "delete" ? "archived" : "unsubscribed"
  if (type === "cleaned") return "cleaned"
  return null
}

export function happenedAgain(prior: PriorEvent): boolean {
  const set = statusSetBy(prior.type, prior.action)
  return prior.status === "applied" && !!set && !!prior.member_status && prior.member_status !== set
}

/** The fingerprint of the n-th occurrence of the same body (the first keeps the plain fingerprint). */
export function occurrenceFingerprint(fingerprint: string, n: number): string {
  return n === 1 ? fingerprint : `${fingerprint}#${n}`
}
