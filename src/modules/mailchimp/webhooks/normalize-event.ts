import type { FormObject, FormValue } from "./parse-form"

export const WEBHOOK_TYPES = ["subscribe", "unsubscribe", "profile", "upemail", "cleaned", "campaign"] as const
export type WebhookType = (typeof WEBHOOK_TYPES)[number]

export type NormalizedEvent = {
  type: string
  known: boolean
  fired_at: Date
  audience_id: string | null
  // The address the event is about (for upemail: the old one).
  email: string | null
  data: FormObject
}

export class UnusableEventError extends Error {}

const str = (v: FormValue | undefined): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null)

/**
 * Mailchimp's `fired_at` is "YYYY-MM-DD HH:MM:SS" in GMT; stray characters around it and between date and time
 * are tolerated (Mailchimp's own `upemail` sample reads `2009-03-26\ 22:15:09`). Without a usable one the time
 * of receipt stands in, and so it does for a time after the receipt: a skewed or forged date must not make an
 * event newer than everything that follows it.
 */
export function parseFiredAt(value: FormValue | undefined, receivedAt: Date): Date {
  const m = typeof value === "string" ? /(\d{4})-(\d{2})-(\d{2})[\sT+\\]+(\d{2}):(\d{2}):(\d{2})/.exec(value) : null
  if (!m) return receivedAt
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]))
  // Date.UTC rolls 2026-02-31 over to March: a date that does not read back as written is not one.
  const valid = !isNaN(date.getTime()) && date.getUTCDate() === +m[3] && date.getUTCMonth() === +m[2] - 1 && date.getUTCHours() === +m[4]
  if (!valid) return receivedAt
  return date.getTime() > receivedAt.getTime() ? receivedAt : date
}

/** What the store needs from a delivery; throws UnusableEventError only when it cannot be applied. */
export function normalizeEvent(form: FormObject, receivedAt = new Date()): NormalizedEvent {
  const type = (str(form.type) ?? "").toLowerCase()
  if (!type) {
    throw new UnusableEventError("type is missing")
  }
  const data = (typeof form.data === "object" ? form.data : {}) as FormObject
  const known = (WEBHOOK_TYPES as readonly string[]).includes(type)
  const email = (type === "upemail" ? str(data.old_email) : str(data.email))?.toLowerCase() ?? null
  if (known && type !== "campaign" && !email) {
    throw new UnusableEventError(type === "upemail" ? "data[old_email] is missing" : "data[email] is missing")
  }
  if (type === "upemail" && !str(data.new_email)) {
    throw new UnusableEventError("data[new_email] is missing")
  }
  return {
    type,
    known,
    fired_at: parseFiredAt(form.fired_at, receivedAt),
    audience_id: str(data.list_id),
    email,
    data,
  }
}
