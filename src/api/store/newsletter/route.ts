import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../modules/mailchimp"
import type MailchimpModuleService from "../../../modules/mailchimp/service"
import { recordSignupConsentWorkflow } from "../../../workflows/record-signup-consent"
import { requestEvidence } from "../../utils/request-evidence"
import type { StoreNewsletterSignupType } from "./validators"

export async function POST(req: MedusaRequest<StoreNewsletterSignupType>, res: MedusaResponse) {
  const service: MailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { email, first_name, last_name } = req.validatedBody
  await recordSignupConsentWorkflow(req.scope).run({
    input: {
      email,
      action: "opt_in",
      source: "signup",
      evidence: requestEvidence(req, service.getOptions().signupLabel),
      profile: { first_name: first_name ?? null, last_name: last_name ?? null },
    },
  })
  const audience = await service.getAudienceProfile().catch(() => null)
  res.status(202).json({ newsletter: { email: email.toLowerCase(), double_opt_in: audience?.doubleOptIn ?? null } })
}
