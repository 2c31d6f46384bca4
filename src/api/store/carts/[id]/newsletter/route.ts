import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../../modules/mailchimp"
import type MailchimpModuleService from "../../../../../modules/mailchimp/service"
import { recordCartNewsletterChoiceWorkflow } from "../../../../../workflows/record-cart-newsletter-choice"
import { requestEvidence } from "../../../../utils/request-evidence"
import type { StoreCartNewsletterChoiceType } from "./validators"

export async function POST(req: MedusaRequest<StoreCartNewsletterChoiceType>, res: MedusaResponse) {
  const service: MailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const choice = { opt_in: req.validatedBody.opt_in, ...requestEvidence(req, service.getOptions().checkoutLabel) }
  const { result } = await recordCartNewsletterChoiceWorkflow(req.scope).run({
    input: { cart_id: req.params.id, choice },
  })
  res.json({ newsletter: { opt_in: result.opt_in, at: result.at, label: result.label } })
}
