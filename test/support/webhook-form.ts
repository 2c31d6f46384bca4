/** A webhook delivery's body as Mailchimp sends it: `application/x-www-form-urlencoded`, `data[...]` keys. */
export const formBody = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&")

/** Mailchimp's `fired_at`: "YYYY-MM-DD HH:MM:SS", GMT. */
export const firedAt = (d: Date) => d.toISOString().slice(0, 19).replace("T", " ")
