import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../../types/mailchimp-module"
import { setCustomerNewsletterWorkflow } from "../../../../../workflows/set-customer-newsletter"
import { readCustomerNewsletter } from "../../../../utils/customer-newsletter"
import { chosenOptInExtras } from "../../../../utils/opt-in-extras"
import { requestEvidence } from "../../../../utils/request-evidence"
import type { StoreCustomerNewsletterType } from "./validators"
import type { StoreCustomerNewsletterResponse, StoreSetCustomerNewsletterResponse } from "../../../../../types/http"

/** The logged-in customer's subscription: status and when it last changed. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<StoreCustomerNewsletterResponse>) {
  res.json({ newsletter: await readCustomerNewsletter(req.scope, req.auth_context.actor_id) })
}

/**
 * `{ subscribed: true }` records the customer's consent with its evidence and subscribes them
 * (pending first under double opt-in); `{ subscribed: false }` unsubscribes them at once.
 */
export async function POST(req: AuthenticatedMedusaRequest<StoreCustomerNewsletterType>, res: MedusaResponse<StoreSetCustomerNewsletterResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { subscribed, ...chosen } = req.validatedBody
  // Interests and permissions go only with a subscription, kept with its evidence.
  const { extras } = subscribed ? await chosenOptInExtras(service, chosen) : { extras: null }
  const { result } = await setCustomerNewsletterWorkflow(req.scope).run({
    input: {
      customer_id: req.auth_context.actor_id,
      subscribed,
      source: "account",
      evidence: { ...requestEvidence(req, service.getOptions().accountLabel), ...(extras ?? {}) },
    },
  })
  res.status(202).json({
    newsletter: { email: result.email, status: result.status, requested: subscribed ? "subscribe" : "unsubscribe" },
  })
}
