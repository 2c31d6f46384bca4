import { applyPendingWebhookEvents } from "./webhooks/apply-pending"
import type { JobPayload } from "../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "./context"

/**
 * A job of the former kind, one per delivery (queued before an upgrade, or retried from the admin): the
 * delivery is applied with every other pending one, through the same claim, so the order per member holds.
 */
export async function applyWebhookEvent(_: JobPayload<"webhook.apply">, ctx: ProcessorContext) {
  return applyPendingWebhookEvents({ window: 0 }, ctx)
}
