import crypto from "crypto"
import type { PluginOptions } from "../../../options"

export const WEBHOOK_PATH = "/hooks/mailchimp"

/**
 * After a rotation the previous URL's secret is still accepted this long: Mailchimp retries a delivery over 75
 * minutes, and a retry may still carry the URL it was first sent to.
 */
export const PREVIOUS_SECRET_GRACE_MS = 2 * 60 * 60_000

type UrlOptions = Pick<PluginOptions, "webhookBaseUrl" | "webhookSecret" | "audienceId">

/**
 * The secret of an audience's webhook URL. The plugin's own audience carries `webhookSecret` itself (its URL is the
 * one registered before sales channels could name other audiences); every other audience a secret derived from it,
 * so that a delivery signed for one audience cannot pass for another's, and rotating `webhookSecret` rotates them all.
 */
export function webhookSecretFor(options: UrlOptions, audienceId: string = options.audienceId): string | null {
  if (!options.webhookSecret) return null
  if (audienceId === options.audienceId) return options.webhookSecret
  return crypto.createHmac("sha256", options.webhookSecret).update(`audience:${audienceId}`).digest("base64url")
}

/**
 * The URL Mailchimp calls for an audience (default: the plugin's): the store's public base, the route, and the
 * audience's secret (Mailchimp's documented way).
 */
export function webhookUrl(options: UrlOptions, audienceId: string = options.audienceId): string | null {
  const secret = webhookSecretFor(options, audienceId)
  if (!options.webhookBaseUrl || !secret) return null
  const base = options.webhookBaseUrl.replace(/\/+$/, "")
  return `${base}${WEBHOOK_PATH}?secret=${encodeURIComponent(secret)}`
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
