import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../../../../modules/mailchimp"
import type MailchimpModuleService from "../../../../../modules/mailchimp/service"
import { NEWSLETTER_METADATA_KEY } from "../../../../../modules/mailchimp/newsletter-choice"
import { requestEvidence } from "../../../../utils/request-evidence"

type CartBody = { metadata?: Record<string, unknown> }

/**
 * Lets a storefront send the choice inside the cart update it already makes
 * (`metadata.mailchimp_newsletter: true | { opt_in }`), with no extra request. The evidence is
 * written here, by the server, so a client cannot make it up.
 */
export function captureMetadataNewsletterChoice(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const body = req.body as CartBody | undefined
  const raw = body?.metadata?.[NEWSLETTER_METADATA_KEY]
  if (raw === undefined) {
    return next()
  }
  const optIn = typeof raw === "boolean" ? raw : (raw as { opt_in?: unknown })?.opt_in
  if (typeof optIn !== "boolean") {
    return next(
      new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `metadata.${NEWSLETTER_METADATA_KEY} must be true, false or { "opt_in": boolean }`
      )
    )
  }
  const service: MailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const choice = { opt_in: optIn, ...requestEvidence(req, service.getOptions().checkoutLabel) }
  // Medusa's own validator may already have copied the body into validatedBody.
  for (const target of [body, (req as { validatedBody?: CartBody }).validatedBody]) {
    if (target?.metadata) target.metadata[NEWSLETTER_METADATA_KEY] = choice
  }
  next()
}
