import type { MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../types/mailchimp-module"
import { fingerprint } from "../../../modules/mailchimp/webhooks/verify"
import type { WebhookRequest } from "./mask-secret"
import { authorized } from "./authorized"
import { readDelivery } from "./read-delivery"
import { answer, ANSWERS } from "./answer"

// Mailchimp checks the URL with a GET when the webhook is created.
export async function GET(req: WebhookRequest, res: MedusaResponse) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  if (!(await authorized(req, service))) {
    return res.status(401).end()
  }
  res.status(200).end()
}

/**
 * Answers 200 once the delivery is durably stored in Postgres, written in one statement with the deliveries that
 * arrive at the same moment (group commit, see the module's webhooks/group-commit.ts); a job per window of time
 * applies them in batches. A write that fails is answered 503 for every delivery of its group: Mailchimp retries.
 */
export async function POST(req: WebhookRequest, res: MedusaResponse) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const delivery = await readDelivery(req, res, service)
  if (!delivery) return
  const { form, event } = delivery
  let stored
  try {
    stored = await service.ingestWebhookEvent({
      fingerprint: fingerprint(event.type, event.fired_at, event.data),
      type: event.type,
      audience_id: event.audience_id,
      email: event.email,
      fired_at: event.fired_at,
      payload: form,
    })
  } catch (e) {
    // Only the error's code is logged: a driver's message may quote the statement with the deliveries' addresses.
    const code = (e as { code?: string })?.code ?? (e as Error)?.name ?? "unknown"
    service.getLogger().warn(`medusa-mailchimp: a webhook delivery was not stored (${code}), answered 503; Mailchimp retries`)
    return answer(res, 503, ANSWERS.notStored)
  }
  answer(res, 200, stored.duplicate ? ANSWERS.duplicate : ANSWERS.stored)
}
