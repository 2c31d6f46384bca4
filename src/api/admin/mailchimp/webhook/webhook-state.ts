import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import type { AudienceWebhookState, WebhookState } from "../../../../types/http"
import { maskWebhookUrl, webhookUrl } from "../../../../modules/mailchimp/webhooks/webhook-url"
import { consentAudiences } from "../../../../modules/mailchimp/audience/channel-audience"

/**
 * The webhooks' state: the plugin's own audience's at the top (registered or not, where with the secret masked, the
 * previous secret's grace), every audience the plugin uses in `audiences` (with `salesChannels`, each store's
 * audience has a webhook of its own), and what they delivered.
 */
export async function webhookState(service: IMailchimpModuleService): Promise<WebhookState> {
  const options = service.getOptions()
  const ids = consentAudiences(options)
  const registrations = await service.listWebhookRegistrations({ audience_id: ids })
  const audiences = ids.map((id): AudienceWebhookState => {
    const registration = registrations.find((r) => r.audience_id === id)
    const url = webhookUrl(options, id)
    const graceUntil = registration?.previous_url_until ? new Date(registration.previous_url_until) : null
    return {
      audience_id: id,
      url: url ? maskWebhookUrl(url) : null,
      registered: !!registration,
      webhook_id: registration?.webhook_id ?? null,
      // Until then a delivery carrying the secret of the URL before the last rotation is still accepted.
      previous_secret_until: graceUntil && graceUntil.getTime() > Date.now() ? graceUntil : null,
      registered_at: registration?.registered_at ?? null,
      events: registration?.events ?? null,
      sources: registration?.sources ?? null,
    }
  })
  const { audience_id: _, ...own } = audiences[0]
  return { configured: !!webhookUrl(options), ...own, audiences, deliveries: await service.webhookEventStats() }
}
