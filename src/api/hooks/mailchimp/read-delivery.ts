import type { MedusaResponse } from "@medusajs/framework/http"
import type { IMailchimpModuleService } from "../../../types/mailchimp-module"
import { normalizeEvent, NormalizedEvent, UnusableEventError } from "../../../modules/mailchimp/webhooks/normalize-event"
import { FormObject, parseForm } from "../../../modules/mailchimp/webhooks/parse-form"
import { authorized } from "./authorized"
import type { WebhookRequest } from "./mask-secret"

/**
 * A delivery's secret checked and its form body read; `null` once the request was answered (401, the empty
 * check POST, or 400 for an event that cannot be applied).
 */
export async function readDelivery(
  req: WebhookRequest,
  res: MedusaResponse,
  service: IMailchimpModuleService
): Promise<{ form: FormObject; event: NormalizedEvent } | null> {
  if (!(await authorized(req, service))) {
    res.status(401).json({ message: "Unauthorized" })
    return null
  }
  const raw = (req.rawBody ?? Buffer.alloc(0)).toString("utf8")
  // Some guides report an empty POST when a webhook is checked: answered 200, nothing stored.
  if (!raw.trim()) {
    res.status(200).json({ received: false })
    return null
  }
  const form = parseForm(raw)
  try {
    return { form, event: normalizeEvent(form) }
  } catch (e) {
    if (e instanceof UnusableEventError) {
      res.status(400).json({ message: e.message })
      return null
    }
    throw e
  }
}
