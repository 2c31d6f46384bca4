import type { PluginOptions } from "../../../options"

export const WEBHOOK_PATH = "/hooks/mailchimp"

/** The URL Mailchimp calls: the store's public base, the route, and the secret (Mailchimp's documented way). */
export function webhookUrl(options: Pick<PluginOptions, "webhookBaseUrl" | "webhookSecret">): string | null {
  if (!options.webhookBaseUrl || !options.webhookSecret) return null
  const base = options.webhookBaseUrl.replace(/\/+$/, "")
  return `${base}${WEBHOOK_PATH}?secret=${encodeURIComponent(options.webhookSecret)}`
}

/** The URL without its secret, for screens and logs. */
export function maskWebhookUrl(url: string): string {
  return url.replace(/([?&]secret=)[^&]*/, "$1••••")
}
