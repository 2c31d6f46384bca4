import type { IMailchimpModuleService } from "../../../types/mailchimp-module"
import { secretsEqual } from "../../../modules/mailchimp/webhooks/verify"
import type { WebhookRequest } from "./mask-secret"

/**
 * Mailchimp's audience webhooks are not signed: the secret in the URL is the check. The configured secret is
 * accepted, and so are the secret of the URL Mailchimp holds and, for a while after a rotation, the previous one.
 */
export async function authorized(req: WebhookRequest, service: IMailchimpModuleService): Promise<boolean> {
  const given = req.webhookSecret
  const expected = [service.getOptions().webhookSecret, ...(await service.getAcceptedWebhookSecrets())]
  // Every candidate is compared, so the time taken does not tell which one matched.
  let ok = false
  for (const secret of new Set(expected)) if (secret && secretsEqual(given, secret)) ok = true
  return ok
}
