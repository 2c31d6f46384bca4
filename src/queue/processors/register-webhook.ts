import { UnrecoverableError } from "bullmq"
import { maskWebhookUrl, WEBHOOK_PATH, webhookUrl } from "../../modules/mailchimp/webhooks/webhook-url"
import type { JobPayload } from "../jobs"
import type { ProcessorContext } from "./context"

const EVENTS = { subscribe: true, unsubscribe: true, profile: true, cleaned: true, upemail: true, campaign: true }
// Not "api": the store's own writes must not come back to it as webhooks.
const SOURCES = { user: true, admin: true, api: false }

/** Creates the audience's webhook for this store, or brings the existing one up to date. Idempotent. */
export async function registerWebhook(_: JobPayload<"webhook.register">, ctx: ProcessorContext) {
  const { client, service, options } = ctx
  const url = webhookUrl(options)
  if (!url) {
    throw new UnrecoverableError("Set webhookBaseUrl and webhookSecret to register the webhook")
  }
  const audienceId = options.audienceId
  const [registration] = await service.listWebhookRegistrations({ audience_id: audienceId })
  const { webhooks } = await client.webhooks.list(audienceId)
  const base = url.slice(0, url.indexOf(WEBHOOK_PATH) + WEBHOOK_PATH.length)
  const existing =
    webhooks.find((w) => w.id === registration?.webhook_id) ?? webhooks.find((w) => w.url.startsWith(base))

  const webhook = existing
    ? await client.webhooks.update(audienceId, existing.id, { url, events: EVENTS, sources: SOURCES })
    : await client.webhooks.create(audienceId, { url, events: EVENTS, sources: SOURCES })

  const fields = {
    audience_id: audienceId,
    webhook_id: webhook.id,
    url,
    events: EVENTS,
    sources: SOURCES,
    registered_at: new Date(),
    // Mailchimp shows the signing secret once, when the webhook is created.
    signing_secret: webhook.signing_secret ?? (existing && registration?.webhook_id === existing.id ? registration.signing_secret : null),
  }
  if (registration) {
    await service.updateWebhookRegistrations({ id: registration.id, ...fields })
  } else {
    await service.createWebhookRegistrations(fields)
  }
  return { webhook_id: webhook.id, url: maskWebhookUrl(url), created: !existing, signed: !!fields.signing_secret }
}
