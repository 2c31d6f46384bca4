import { internString } from "./intern"

let lastSecond = NaN
let lastTime = ""

/**
 * Mailchimp's API timestamps: ISO 8601 without milliseconds, `+00:00`. Calls within the same second answer the same
 * string: the records made in that second share it rather than each holding a copy.
 */
export function apiTime(date: Date = new Date()): string {
  const second = Math.floor(date.getTime() / 1000)
  if (second === lastSecond) return lastTime
  // Interned too: dates given (an order's processed_at_foreign) come between the calls for now.
  const time = internString(date.toISOString().replace(/\.\d{3}Z$/, "+00:00"))
  lastSecond = second
  lastTime = time
  return time
}

/** Webhook `fired_at`: `YYYY-MM-DD HH:MM:SS`, GMT. */
export function firedAt(date: Date = new Date()): string {
  return date.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "")
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
