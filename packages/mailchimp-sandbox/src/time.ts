/** Mailchimp's API timestamps: ISO 8601 without milliseconds, `+00:00`. */
export function apiTime(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00")
}

/** Webhook `fired_at`: `YYYY-MM-DD HH:MM:SS`, GMT. */
export function firedAt(date: Date = new Date()): string {
  return date.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "")
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
