import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { maskWebhookUrl } from "../../../modules/mailchimp/webhooks/webhook-url"

export type WebhookRequest = MedusaRequest & { rawBody?: Buffer; webhookSecret?: string }

/**
 * Medusa's request logger (morgan, registered before any plugin middleware) writes `req.originalUrl` when the
 * response ends, at the default log level: the webhook's secret would land in every log line. The secret is
 * taken aside here, then the URLs the logger and error reports read are masked.
 */
export function maskWebhookSecret(req: WebhookRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const given = req.query?.secret
  req.webhookSecret = typeof given === "string" ? given : undefined
  req.originalUrl = maskWebhookUrl(req.originalUrl)
  req.url = maskWebhookUrl(req.url)
  next()
}
