import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../../types/mailchimp-module"
import { recordCartNewsletterChoiceWorkflow } from "../../../../../workflows/record-cart-newsletter-choice"
import { chosenOptInExtras } from "../../../../utils/opt-in-extras"
import { cartAudience } from "../../../../utils/opt-in-audience"
import { requestEvidence } from "../../../../utils/request-evidence"
import type { StoreCartNewsletterChoiceType } from "./validators"
import type { StoreCartNewsletterResponse } from "../../../../../types/http"

export async function POST(req: MedusaRequest<StoreCartNewsletterChoiceType>, res: MedusaResponse<StoreCartNewsletterResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { opt_in, ...chosen } = req.validatedBody
  // Interests and permissions go only with an opt-in, and are those the cart's channel's audience offers.
  const { extras } = opt_in ? await chosenOptInExtras(service, chosen, await cartAudience(req, service, req.params.id)) : { extras: null }
  const choice = { opt_in, ...requestEvidence(req, service.getOptions().checkoutLabel), ...(extras ?? {}) }
  const { result } = await recordCartNewsletterChoiceWorkflow(req.scope).run({
    input: { cart_id: req.params.id, choice },
  })
  res.json({
    newsletter: {
      opt_in: result.opt_in,
      at: result.at,
      label: result.label,
      interests: (result.interests ?? []).map(({ id, name }) => ({ id, name })),
      marketing_permissions: result.marketing_permissions ?? [],
    },
  })
}
