import type { IMailchimpModuleService } from "../../../types/mailchimp-module"
import { secretsEqual } from "../../../modules/mailchimp/webhooks/verify"
import type { WebhookRequest } from "./mask-secret"

/**
 * Mailchimp's audience webhooks are not signed: the secret in the URL is the check. Each audience the plugin uses
 * has its own webhook and secret (docs/webhooks.md). A delivery naming one of those audiences (`data[list_id]`)
 * must carry that audience's secret: a secret of one audience never lets a delivery act on another. Where the
 * audience is not known (the URL check's GET, a delivery naming none or one the plugin does not use, which is
 * stored and ignored) any audience's secret is taken.
 */
export async function authorized(
  req: WebhookRequest,
  service: IMailchimpModuleService,
  audienceId: string | null = null
): Promise<boolean> {
  const given = req.webhookSecret
  const byAudience = await service.getWebhookSecretsByAudience()
  const expected = (audienceId && byAudience.get(audienceId)) || [...byAudience.values()].flat()
  // Every candidate is compared, so the time taken does not tell which one matched.
  let ok = false
  for (const secret of new Set(expected)) if (secret && secretsEqual(given, secret)) ok = true
  return ok
}
