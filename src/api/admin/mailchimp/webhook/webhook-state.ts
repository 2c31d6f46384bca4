import type MailchimpModuleService from "../../../../modules/mailchimp/service"
import { maskWebhookUrl, webhookUrl } from "../../../../modules/mailchimp/webhooks/webhook-url"

/** The webhook's state: registered or not, where (secret masked), signed or not, and what it delivered. */
export async function webhookState(service: MailchimpModuleService) {
  const options = service.getOptions()
  const [registration] = await service.listWebhookRegistrations({ audience_id: options.audienceId }, { take: 1 })
  const url = webhookUrl(options)
  return {
    configured: !!url,
    url: url ? maskWebhookUrl(url) : null,
    registered: !!registration,
    webhook_id: registration?.webhook_id ?? null,
    signed: !!registration?.signing_secret,
    registered_at: registration?.registered_at ?? null,
    events: registration?.events ?? null,
    sources: registration?.sources ?? null,
    deliveries: await service.webhookEventStats(),
  }
}
