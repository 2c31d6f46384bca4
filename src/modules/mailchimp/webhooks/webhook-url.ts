import type { PluginOptions } from "../../../options"

export const WEBHOOK_PATH = "/hooks/mailchimp"

/**
 * After a rotation the previous URL's secret is still accepted this long: Mailchimp retries a delivery over 75
 * minutes, and a retry may still carry the URL it was first sent to.
 */
export const PREVIOUS_SECRET_GRACE_MS = 2 * 60 * 60_000

/** The URL Mailchimp calls: the store's public base, the route, and the secret (Mailchimp's documented way). */
export function webhookUrl(options: Pick<PluginOptions, "webhookBaseUrl" | "webhookSecret">): string | null {
  if (!options.webhookBaseUrl || !options.webhookSecret) return null
  const base = options.webhookBaseUrl.replace(/\/+$/, "")
  return `${base}${WEBHOOK_PATH}?secret=${encodeURIComponent(options.webhookSecret)}`
}

/** The URL without its secret, for screens and logs: every `secret=` value is masked. */
export function maskWebhookUrl(url: string): string {
  return url.replace(/([?&]secret=)[^&#]*/g, "$1••••")
}

/** The secret a webhook URL carries, or null. */
export function webhookSecretOf(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).searchParams.get("secret") || null
  } catch {
    return null
  }
}

/** Mailchimp takes URLs that differ only in their query for the same webhook. */
export function sameWebhookUrl(a: string, b: string): boolean {
  const bare = (u: string) => u.replace(/[?#].*$/, "").replace(/\/+$/, "")
  return bare(a) === bare(b)
}
