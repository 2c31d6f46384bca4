import type { Webhook } from "../mailchimp"
import { sameWebhookUrl, webhookSecretOf } from "../modules/mailchimp/webhooks/webhook-url"
import { error, HealthLine, ok, warning } from "./lines"

const FIX_REGISTER = "Press Register webhook in Settings → Mailchimp (or POST /admin/mailchimp/webhook): it sets this store's URL, events and sources."

/**
 * The audience's webhook to this store: at this store's address, with every event the store applies and the sources
 * it listens to. The URL's query (the secret) is compared, never shown.
 */
export function webhookLine(
  expectedUrl: string | null,
  webhooks: Webhook[],
  events: Record<string, boolean>,
  sources: Record<string, boolean>
): HealthLine {
  const title = "Webhook"
  if (!expectedUrl) {
    return warning(
      "webhook",
      title,
      "No webhook URL is configured: unsubscribes, bounces and profile changes made in Mailchimp do not reach the store.",
      "Set MAILCHIMP_WEBHOOK_BASE_URL (the store's public URL) and MAILCHIMP_WEBHOOK_SECRET, then register the webhook in Settings → Mailchimp."
    )
  }
  const place = expectedUrl.replace(/[?#].*$/, "")
  const here = webhooks.filter((w) => sameWebhookUrl(w.url, expectedUrl))
  if (!here.length) {
    return error("webhook", title, `The audience has no webhook to ${place} (it has ${webhooks.length} to other addresses).`, FIX_REGISTER)
  }
  const webhook = here.find((w) => webhookSecretOf(w.url) === webhookSecretOf(expectedUrl))
  if (!webhook) {
    return error("webhook", title, `The webhook to ${place} carries another secret: the store refuses its deliveries.`, FIX_REGISTER)
  }
  const missingEvents = Object.keys(events).filter((e) => events[e] && !(webhook.events as Record<string, boolean | undefined>)[e])
  const missingSources = Object.keys(sources).filter((s) => sources[s] && !(webhook.sources as Record<string, boolean | undefined>)[s])
  if (missingEvents.length || missingSources.length) {
    const what = [missingEvents.length ? `events ${missingEvents.join(", ")}` : "", missingSources.length ? `sources ${missingSources.join(", ")}` : ""]
      .filter(Boolean)
      .join(" and ")
    return error("webhook", title, `The webhook to ${place} is off for ${what}: those changes in Mailchimp do not reach the store.`, FIX_REGISTER)
  }
  return ok("webhook", title, `Registered to ${place} with every event (${Object.keys(events).join(", ")}) and sources ${Object.keys(sources).filter((s) => sources[s]).join(", ")}.`)
}
