import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../modules/mailchimp"
import type MailchimpModuleService from "../../../modules/mailchimp/service"
import { normalizeEvent, UnusableEventError } from "../../../modules/mailchimp/webhooks/normalize-event"
import { parseForm } from "../../../modules/mailchimp/webhooks/parse-form"
import { fingerprint, secretsEqual, verifySignature } from "../../../modules/mailchimp/webhooks/verify"

type RawRequest = MedusaRequest & { rawBody?: Buffer }

function authorized(req: MedusaRequest, service: MailchimpModuleService): boolean {
  const expected = service.getOptions().webhookSecret
  const given = typeof req.query.secret === "string" ? req.query.secret : undefined
  return !!expected && secretsEqual(given, expected)
}

// Mailchimp checks the URL with a GET when the webhook is created.
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service: MailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  if (!authorized(req, service)) {
    return res.status(401).end()
  }
  res.status(200).end()
}

/**
 * Stores the delivery and answers at once; a queued job applies it. Kept to one insert and
 * one enqueue so that floods of deliveries are answered well within Mailchimp's 10 s.
 */
export async function POST(req: RawRequest, res: MedusaResponse) {
  const service: MailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  if (!authorized(req, service)) {
    return res.status(401).json({ message: "Unauthorized" })
  }
  const raw = req.rawBody ?? Buffer.alloc(0)
  const signingSecret = await service.getWebhookSigningSecret()
  if (signingSecret) {
    const check = verifySignature(req.get("x-mailchimp-signature"), raw, signingSecret)
    if (!check.ok) {
      return res.status(401).json({ message: `Unauthorized: ${check.reason}` })
    }
  }
  const form = parseForm(raw.toString("utf8"))
  let event
  try {
    event = normalizeEvent(form)
  } catch (e) {
    if (e instanceof UnusableEventError) {
      return res.status(400).json({ message: e.message })
    }
    throw e
  }
  const stored = await service.storeWebhookEvent({
    fingerprint: fingerprint(event.type, event.fired_at, event.data),
    type: event.type,
    audience_id: event.audience_id,
    email: event.email,
    fired_at: event.fired_at,
    payload: form,
  })
  if (stored.id) {
    await service.getQueue().enqueue("webhook.apply", { event_id: stored.id })
  }
  res.status(200).json({ received: true, duplicate: stored.duplicate })
}
