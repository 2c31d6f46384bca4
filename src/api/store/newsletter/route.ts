import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../types/mailchimp-module"
import { recordSignupConsentWorkflow } from "../../../workflows/record-signup-consent"
import { chosenOptInExtras } from "../../utils/opt-in-extras"
import { keyAudience } from "../../utils/opt-in-audience"
import { requestEvidence } from "../../utils/request-evidence"
import type { StoreNewsletterSignupType } from "./validators"
import type { StoreNewsletterSignupResponse } from "../../../types/http"

export async function POST(req: MedusaRequest<StoreNewsletterSignupType>, res: MedusaResponse<StoreNewsletterSignupResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { email, first_name, last_name, ...chosen } = req.validatedBody
  // The audience of the publishable key's sales channels when they share one, else the plugin's.
  const audienceId = keyAudience(req, service)
  // Kept with the evidence; they reach a new member only (never one Mailchimp already holds: write-signup-member.ts).
  const { extras } = await chosenOptInExtras(service, chosen, audienceId)
  await recordSignupConsentWorkflow(req.scope).run({
    input: {
      audience_id: audienceId,
      email,
      action: "opt_in",
      source: "signup",
      evidence: { ...requestEvidence(req, service.getOptions().signupLabel), ...(extras ?? {}) },
      profile: { first_name: first_name ?? null, last_name: last_name ?? null },
    },
  })
  // Mailchimp asks the address's owner to confirm (confirmSignups), whatever the audience's own setting.
  const doubleOptIn = service.getOptions().confirmSignups
    ? true
    : ((await service.getAudienceProfile(audienceId).catch(() => null))?.doubleOptIn ?? null)
  res.status(202).json({ newsletter: { email: email.toLowerCase(), double_opt_in: doubleOptIn } })
}
