import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MailchimpError } from "../../../../mailchimp"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import { webhookUrl } from "../../../../modules/mailchimp/webhooks/webhook-url"
import { webhookState } from "./webhook-state"
import type { AdminMailchimpWebhookResponse } from "../../../../types/http"

/** The webhook's state: registered or not, where, and what it has delivered. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpWebhookResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  res.json({ webhook: await webhookState(service) })
}

/** Registers the audience's webhook for this store, or updates it; safe to repeat. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse<{ webhook: unknown }>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  if (!webhookUrl(service.getOptions())) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "Set the webhookBaseUrl and webhookSecret options (MAILCHIMP_WEBHOOK_BASE_URL, MAILCHIMP_WEBHOOK_SECRET) first"
    )
  }
  try {
    const result = await service.getQueue().runAndWait("webhook.register", { requested_at: new Date().toISOString() })
    service.forgetWebhookSecrets()
    res.json({ webhook: result })
  } catch (e) {
    // BullMQ hands back the processor's error message; Mailchimp's words are in it.
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Mailchimp refused the webhook: ${(e as Error).message}`)
  }
}

export type { MailchimpError }
