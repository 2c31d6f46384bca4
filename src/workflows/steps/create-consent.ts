import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import type { ConsentProfile } from "../../modules/mailchimp/rules/merge-fields"

export type CreateConsentInput = {
  email: string
  customer_id?: string | null
  // The customer's account email when the consent was given: the baseline for email changes.
  customer_email?: string | null
  action: "opt_in" | "opt_out" | "cleaned" | "email_changed" | "erased"
  source: "checkout" | "signup" | "account" | "admin" | "mailchimp"
  order_id?: string | null
  cart_id?: string | null
  evidence: Record<string, unknown>
  profile?: ConsentProfile | null
  /** The audience it is for: a sales channel's (docs/sales-channels.md); default: the plugin's. */
  audience_id?: string | null
}

export type CreatedConsent = { id: string; customer_id: string | null; created: boolean }

/** The consent row as it is stored: addresses in lower case, the audience it names or else the plugin's. */
export function consentRow(input: CreateConsentInput, audienceId: string) {
  return {
    ...input,
    email: input.email.trim().toLowerCase(),
    customer_id: input.customer_id ?? null,
    customer_email: input.customer_email?.trim().toLowerCase() ?? null,
    audience_id: input.audience_id ?? audienceId,
    profile: (input.profile ?? null) as Record<string, unknown> | null,
  }
}

/** Writes a consent row (a signup, an account switch; an order's go through createOrderConsentsStep). */
export const createConsentStep = createStep(
  "create-mailchimp-consent",
  async (input: CreateConsentInput, { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const consent = await service.createConsents(consentRow(input, service.getOptions().audienceId))
    return new StepResponse<CreatedConsent, string | null>(
      { id: consent.id, customer_id: consent.customer_id, created: true },
      consent.id
    )
  },
  async (createdId, { container }) => {
    if (!createdId) return
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    await service.deleteConsents(createdId)
  }
)
