import { UnrecoverableError } from "bullmq"
import { maskWebhookUrl, PREVIOUS_SECRET_GRACE_MS, sameWebhookUrl, webhookUrl } from "../../modules/mailchimp/webhooks/webhook-url"
import type { JobPayload } from "../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "./context"
import { consentAudiences } from "../../modules/mailchimp/audience/channel-audience"

export const WEBHOOK_EVENTS = { subscribe: true, unsubscribe: true, profile: true, cleaned: true, upemail: true, campaign: true }
// Not "api": the store's own writes must not come back to it as webhooks.
export const WEBHOOK_SOURCES = { user: true, admin: true, api: false }

export type AudienceWebhookResult = { audience_id: string; webhook_id: string; url: string; created: boolean; rotated: boolean }

/**
 * Creates the webhook of every audience the plugin uses (its own and, with `salesChannels`, each store's), each
 * with its own URL secret, or brings the existing ones up to date. Idempotent. Answers the plugin's own audience's
 * result (the fields the admin screen reads) with every audience's in `audiences`. One audience refused does not
 * keep the others from being registered; the job then fails naming it.
 */
export async function registerWebhook(_: JobPayload<"webhook.register">, ctx: ProcessorContext) {
  if (!webhookUrl(ctx.options)) {
    throw new UnrecoverableError("Set webhookBaseUrl and webhookSecret to register the webhook")
  }
  const audiences: AudienceWebhookResult[] = []
  const refused: string[] = []
  for (const audienceId of consentAudiences(ctx.options)) {
    try {
      audiences.push(await registerAudienceWebhook(audienceId, ctx))
    } catch (e) {
      refused.push(`audience ${audienceId}: ${(e as Error).message}`)
    }
  }
  ctx.service.forgetWebhookSecrets()
  if (refused.length) throw new Error(refused.join("; "))
  const [own] = audiences
  return { webhook_id: own.webhook_id, url: own.url, created: own.created, rotated: own.rotated, audiences }
}

/**
 * One audience's webhook. Mailchimp takes URLs that differ only in their query for one webhook, so a new secret
 * updates the existing webhook's URL; the previous URL's secret stays accepted for PREVIOUS_SECRET_GRACE_MS
 * (Mailchimp retries over 75 minutes).
 */
async function registerAudienceWebhook(audienceId: string, ctx: ProcessorContext): Promise<AudienceWebhookResult> {
  const { client, service, options } = ctx
  const url = webhookUrl(options, audienceId)!
  const [registration] = await service.listWebhookRegistrations({ audience_id: audienceId })
  const { webhooks } = await client.webhooks.list(audienceId)
  const existing = webhooks.find((w) => w.id === registration?.webhook_id) ?? webhooks.find((w) => sameWebhookUrl(w.url, url))

  const webhook = existing
    ? await client.webhooks.update(audienceId, existing.id, { url, events: WEBHOOK_EVENTS, sources: WEBHOOK_SOURCES })
    : await client.webhooks.create(audienceId, { url, events: WEBHOOK_EVENTS, sources: WEBHOOK_SOURCES })

  // The URL Mailchimp sent to until now, when it changes: its retries may still carry it.
  const previous = existing && existing.url !== url ? existing.url : registration?.url !== url ? registration?.url : null
  const rotated = previous
    ? { previous_url: previous, previous_url_until: new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS) }
    : {}
  const fields = {
    audience_id: audienceId,
    webhook_id: webhook.id,
    url,
    events: WEBHOOK_EVENTS,
    sources: WEBHOOK_SOURCES,
    registered_at: new Date(),
    ...rotated,
  }
  if (registration) {
    await service.updateWebhookRegistrations({ id: registration.id, ...fields })
  } else {
    await service.createWebhookRegistrations(fields)
  }
  return { audience_id: audienceId, webhook_id: webhook.id, url: maskWebhookUrl(url), created: !existing, rotated: !!previous }
}
