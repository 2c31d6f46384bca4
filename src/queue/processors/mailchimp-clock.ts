/**
 * Webhook times come from Mailchimp's clock in whole seconds; a store-side change is stamped
 * on the same clock (the member's last_changed) so that a later webhook is never taken as older.
 */
export function mailchimpClock(lastChanged?: string): Date {
  const at = lastChanged ? new Date(lastChanged) : new Date()
  const time = isNaN(at.getTime()) ? Date.now() : at.getTime()
  return new Date(Math.floor(time / 1000) * 1000)
}
