import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../../modules/mailchimp"
import type MailchimpModuleService from "../../../../../modules/mailchimp/service"
import { setCustomerNewsletterWorkflow } from "../../../../../workflows/set-customer-newsletter"
import { readCustomerNewsletter } from "../../../../utils/customer-newsletter"
import { requestEvidence } from "../../../../utils/request-evidence"
import type { StoreCustomerNewsletterType } from "./validators"

/** The logged-in customer's subscription: status and when it last changed. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ newsletter: await readCustomerNewsletter(req.scope, req.auth_context.actor_id) })
}

/**
 * `{ subscribed: true }` records the customer's consent with its evidence and subscribes them
 * (pending first under double opt-in); `{ subscribed: false }` unsubscribes them at once.
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreCustomerNewsletterType>, res: MedusaResponse) {
  const service: MailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { subscribed } = req.validatedBody
  const { result } = await setCustomerNewsletterWorkflow(req.scope).run({
    input: {
      customer_id: req.auth_context.actor_id,
      subscribed,
      source: "account",
      evidence: requestEvidence(req, service.getOptions().accountLabel),
    },
  })
  res.status(202).json({
    newsletter: { email: result.email, status: result.status, requested: subscribed ? "subscribe" : "unsubscribe" },
  })
}
