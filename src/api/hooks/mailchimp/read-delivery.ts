import type { MedusaResponse } from "@medusajs/framework/http"
import type { IMailchimpModuleService } from "../../../types/mailchimp-module"
import { normalizeEvent, NormalizedEvent, UnusableEventError } from "../../../modules/mailchimp/webhooks/normalize-event"
import { FormObject, FormValue, parseForm } from "../../../modules/mailchimp/webhooks/parse-form"
import { authorized } from "./authorized"
import { answer, ANSWERS } from "./answer"
import type { WebhookRequest } from "./mask-secret"

/**
 * A delivery's secret checked and its form body read; `null` once the request was answered (401, the empty
 * check POST, or 400 for an event that cannot be applied). The body is read before the check, as the secret to
 * expect is the audience's the delivery names (`data[list_id]`); nothing else is answered before the check.
 */
export async function readDelivery(
  req: WebhookRequest,
  res: MedusaResponse,
  service: IMailchimpModuleService
): Promise<{ form: FormObject; event: NormalizedEvent } | null> {
  const raw = (req.rawBody ?? Buffer.alloc(0)).toString("utf8")
  const form = raw.trim() ? parseForm(raw) : null
  if (!(await authorized(req, service, form ? namedAudience(form) : null))) {
    answer(res, 401, ANSWERS.unauthorized)
    return null
  }
  // Some guides report an empty POST when a webhook is checked: answered 200, nothing stored.
  if (!form) {
    answer(res, 200, ANSWERS.checked)
    return null
  }
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

/** The audience a delivery names (`data[list_id]`, as normalizeEvent reads it), or null. */
function namedAudience(form: FormObject): string | null {
  const data = typeof form.data === "object" ? (form.data as Record<string, FormValue>) : {}
  const listId = data.list_id
  return typeof listId === "string" && listId.trim() ? listId.trim() : null
}
