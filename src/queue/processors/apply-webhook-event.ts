import { applyWebhookEvent as apply } from "../../modules/mailchimp/webhooks/apply-event"
import type { JobPayload } from "../jobs"
import type { ProcessorContext } from "./context"

/** Applies one stored delivery; a delivery already applied or ignored is left alone. */
export async function applyWebhookEvent({ event_id }: JobPayload<"webhook.apply">, ctx: ProcessorContext) {
  const { service } = ctx
  const [event] = await service.listWebhookEvents({ id: event_id })
  if (!event || event.status !== "received") {
    return { skipped: true }
  }
  const result = await apply(event, ctx)
  await service.updateWebhookEvents({ id: event.id, status: result.status, outcome: result.outcome, applied_at: new Date() })
  return result
}
