import type { MemberStatus } from "./next-member-status"

/** What a shopper is told about their subscription. */
export type NewsletterStatus = "subscribed" | "pending" | "unsubscribed" | "cleaned" | "none"

export function newsletterStatus(status: MemberStatus | null | undefined): NewsletterStatus {
  switch (status) {
    case "subscribed":
    case "pending":
    case "unsubscribed":
    case "cleaned":
      return status
    default:
      // archived and transactional members receive no marketing email
      return "none"
  }
}

export type UnsubscribeDecision = { kind: "unsubscribe" } | { kind: "none"; reason: string }

/**
 * What an opt-out does to the member Mailchimp holds now. It only ever lowers a status: a
 * member who is not on the audience is not created just to be unsubscribed.
 */
export function decideUnsubscribe(current: MemberStatus | null): UnsubscribeDecision {
  switch (current) {
    case "subscribed":
    case "pending":
    case "transactional":
      return { kind: "unsubscribe" }
    case "unsubscribed":
      return { kind: "none", reason: "already unsubscribed" }
    case "cleaned":
      return { kind: "none", reason: "cleaned: Mailchimp sends it nothing" }
    case "archived":
      return { kind: "none", reason: "archived: Mailchimp sends it nothing" }
    default:
      return { kind: "none", reason: "not on the audience" }
  }
}

/** One recorded choice about an address: a consent row or an erasure. */
export type Choice = {
  id: string
  kind: "opt_in" | "opt_out" | "erased"
  at: Date
  source?: "checkout" | "signup" | "account" | "admin" | "mailchimp" | null
}

const after = (a: { id: string; at: Date }, b: { id: string; at: Date }) =>
  a.at.getTime() > b.at.getTime() || (a.at.getTime() === b.at.getTime() && a.id > b.id)

const isLeave = (c: Choice) => c.kind === "opt_out" || c.kind === "erased"

/**
 * Before an opt-in is written: a later opt-out or erasure of the same address makes it moot,
 * whatever came after (a fresh opt-in writes for itself).
 */
export function supersededBy(optIn: { id: string; at: Date }, choices: Choice[]): Choice | null {
  return choices.filter((c) => isLeave(c) && after(c, optIn)).sort(byTime).pop() ?? null
}

/**
 * After an opt-in was written: when the address's last choice is to leave and came after this
 * opt-in, the write raced with it and must be undone.
 */
export function undoAfterWrite(optIn: { id: string; at: Date }, choices: Choice[]): Choice | null {
  const last = [...choices].sort(byTime).pop()
  return last && isLeave(last) && after(last, optIn) ? last : null
}

function byTime(a: Choice, b: Choice): number {
  return after(a, b) ? 1 : after(b, a) ? -1 : 0
}

export type EmailMove = { kind: "none" } | { kind: "move"; from: string; to: string }

/**
 * A linked member follows its customer's email only when it sits at the address the customer
 * had: a member at another address of theirs (a checkout with a different email) stays.
 */
export function decideEmailMove(
  member: { email: string; customer_email: string | null; status: MemberStatus },
  currentEmail: string
): EmailMove {
  const now = currentEmail.trim().toLowerCase()
  const last = member.customer_email?.trim().toLowerCase()
  if (!last || !now || now === last) return { kind: "none" }
  if (member.email.trim().toLowerCase() !== last) return { kind: "none" }
  if (member.status === "archived") return { kind: "none" }
  return { kind: "move", from: member.email, to: now }
}

/** Only the merge fields whose value differs from what the member holds. */
export function changedMergeFields(
  desired: Record<string, unknown>,
  current: Record<string, unknown> | null | undefined
): Record<string, unknown> | null {
  const changed: Record<string, unknown> = {}
  for (const [tag, value] of Object.entries(desired)) {
    if (JSON.stringify(current?.[tag] ?? null) !== JSON.stringify(value)) changed[tag] = value
  }
  return Object.keys(changed).length ? changed : null
}

// Mailchimp's tag names are at most 100 characters.
const TAG_MAX = 100

export function groupTagNames(prefix: string, groupNames: Array<string | null | undefined>): string[] {
  const names = new Map<string, string>()
  for (const raw of groupNames) {
    const name = raw?.trim()
    if (!name) continue
    const tag = `${prefix}${name}`.slice(0, TAG_MAX)
    names.set(tag.toLowerCase(), tag)
  }
  return [...names.values()].sort()
}

export type TagChange = { name: string; status: "active" | "inactive" }

/**
 * Tags to add and to remove, compared case-insensitively as Mailchimp does. Tags this store did
 * not set are never touched.
 */
export function tagChanges(previous: string[] | null | undefined, desired: string[]): TagChange[] {
  const before = new Set((previous ?? []).map((t) => t.toLowerCase()))
  const wanted = new Set(desired.map((t) => t.toLowerCase()))
  return [
    ...desired.filter((t) => previous == null || !before.has(t.toLowerCase())).map((name) => ({ name, status: "active" as const })),
    ...(previous ?? []).filter((t) => !wanted.has(t.toLowerCase())).map((name) => ({ name, status: "inactive" as const })),
  ]
}

export type ErasureHistoryEntry = { action: string; source: string; at: string }

/** What an erasure record keeps of the consents it removed: what happened and when, nobody's data. */
export function erasureHistory(
  consents: Array<{ action: string; source: string; created_at: Date | string }>
): ErasureHistoryEntry[] {
  return consents
    .map((c) => ({ action: c.action, source: c.source, at: new Date(c.created_at).toISOString() }))
    .sort((a, b) => a.at.localeCompare(b.at))
}
