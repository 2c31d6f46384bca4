import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../../types/mailchimp-module"
import { NEWSLETTER_METADATA_KEY, sealNewsletterChoice } from "../../../../../modules/mailchimp/newsletter-choice"
import type { OptInExtras } from "../../../../../modules/mailchimp/audience/opt-in-offer"
import { chosenOptInExtras } from "../../../../utils/opt-in-extras"
import { cartAudience } from "../../../../utils/opt-in-audience"
import { requestEvidence } from "../../../../utils/request-evidence"

type CartBody = { metadata?: Record<string, unknown> }

/**
 * Lets a storefront send the choice inside the cart creation or update it already makes
 * (`metadata.mailchimp_newsletter: true | { opt_in, interests?, marketing_permissions? }`), with no extra request.
 * Only `opt_in` and the chosen ids are taken from the client (ids the store does not offer: 400): the evidence is written here, by the server, and sealed with the server's key, so
 * whatever else the client put under the key (a date, an IP, a seal copied from another cart) is
 * replaced. Metadata under the key that reaches a cart some other way is unsealed, and ignored when
 * the order is placed (readNewsletterChoice).
 */
export async function captureMetadataNewsletterChoice(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
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
  const ids = (field: "interests" | "marketing_permissions") => {
    const v = typeof raw === "object" && raw ? (raw as Record<string, unknown>)[field] : undefined
    return v === undefined ? undefined : Array.isArray(v) && v.every((x) => typeof x === "string") && v.length <= 100 ? (v as string[]) : null
  }
  const [interests, marketing_permissions] = [ids("interests"), ids("marketing_permissions")]
  if (interests === null || marketing_permissions === null) {
    const field = interests === null ? "interests" : "marketing_permissions"
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, `metadata.${NEWSLETTER_METADATA_KEY}.${field} must be a list of ids`))
  }
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  let extras: OptInExtras | null = null
  try {
    if (optIn) {
      const audienceId = interests?.length || marketing_permissions?.length ? await cartAudience(req, service, req.params?.id) : undefined
      ;({ extras } = await chosenOptInExtras(service, { interests, marketing_permissions }, audienceId))
    }
  } catch (e) {
    return next(e)
  }
  const choice = sealNewsletterChoice(
    { opt_in: optIn, ...requestEvidence(req, service.getOptions().checkoutLabel), ...(extras ?? {}) },
    service.getEvidenceKey()
  )
  // Medusa's own validator may already have copied the body into validatedBody.
  for (const target of [body, (req as { validatedBody?: CartBody }).validatedBody]) {
    if (target?.metadata) target.metadata[NEWSLETTER_METADATA_KEY] = choice
  }
  next()
}
