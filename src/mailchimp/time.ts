/**
 * A time as Mailchimp writes its own: `YYYY-MM-DDTHH:MM:SS+00:00`, in UTC, whole seconds. The API description
 * only says "ISO 8601"; whether Mailchimp takes milliseconds or `Z` is not documented, so the plugin sends the
 * form every Mailchimp answer uses (timestamp_signup, schedule_time, order dates).
 */
export function mailchimpTime(value: Date | string | number): string {
  const d = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(d.getTime())) throw new RangeError("not a time")
  return `${d.toISOString().slice(0, 19)}+00:00`
}
