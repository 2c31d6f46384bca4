import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import { maskWebhookUrl, webhookUrl } from "../../../../modules/mailchimp/webhooks/webhook-url"

/** The webhook's state: registered or not, where (secret masked), the previous secret's grace, what it delivered. */
export async function webhookState(service: IMailchimpModuleService) {
  const options = service.getOptions()
  const [registration] = await service.listWebhookRegistrations({ audience_id: options.audienceId }, { take: 1 })
  const url = webhookUrl(options)
  const graceUntil = registration?.previous_url_until ? new Date(registration.previous_url_until) : null
  return {
    configured: !!url,
    url: url ? maskWebhookUrl(url) : null,
    registered: !!registration,
    webhook_id: registration?.webhook_id ?? null,
    // Until then a delivery carrying the secret of the URL before the last rotation is still accepted.
    previous_secret_until: graceUntil && graceUntil.getTime() > Date.now() ? graceUntil : null,
    registered_at: registration?.registered_at ?? null,
    events: registration?.events ?? null,
    sources: registration?.sources ?? null,
    deliveries: await service.webhookEventStats(),
  }
}
