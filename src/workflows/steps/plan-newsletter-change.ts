import type { ICustomerModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import { newsletterStatus, NewsletterStatus } from "../../modules/mailchimp/rules/list-management"
import { decideOptIn, MemberStatus } from "../../modules/mailchimp/rules/next-member-status"
import type { IMailchimpModuleService, OptOutInput } from "../../types/mailchimp-module"
import type { CreateConsentInput } from "./create-consent"

export type NewsletterChangeInput = {
  customer_id: string
  subscribed: boolean
  source: "account" | "admin"
  evidence: Record<string, unknown>
}

export type NewsletterChangePlan = {
  email: string
  optIn: CreateConsentInput | null
  optOuts: OptOutInput[]
  // What the customer will see once Mailchimp has it; null when the audience could not be asked.
  status: NewsletterStatus | null
}

export const CLEANED_MESSAGE =
  "This email address was removed from the mailing list by Mailchimp after messages to it bounced or were reported; it cannot be subscribed again from the store. Use another address, or contact the store."

/**
 * Decides the consents a subscribe or unsubscribe of a customer records. Subscribing asks for
 * the customer's own address; unsubscribing covers every address of theirs the store subscribed
 * or is about to.
 */
export const planNewsletterChangeStep = createStep(
  "plan-mailchimp-newsletter-change",
  async (input: NewsletterChangeInput, { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const customers = container.resolve<ICustomerModuleService>(Modules.CUSTOMER)
    const [customer] = await customers.listCustomers({ id: input.customer_id }, { take: 1 })
    if (!customer) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${input.customer_id} was not found`)
    }
    const email = customer.email.trim().toLowerCase()
    const audienceId = service.getOptions().audienceId
    const [atAddress] = await service.listMembers({ audience_id: audienceId, email }, { take: 1 })
    const current = (atAddress?.status as MemberStatus) ?? null

    if (input.subscribed) {
      if (current === "cleaned") {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, CLEANED_MESSAGE)
      }
      const doubleOptIn = await service
        .getAudienceProfile()
        .then((a) => a.doubleOptIn)
        .catch(() => null)
      const decision = doubleOptIn === null ? null : decideOptIn(current, doubleOptIn)
      const optIn: CreateConsentInput = {
        email,
        customer_id: customer.id,
        customer_email: email,
        action: "opt_in",
        source: input.source,
        evidence: input.evidence,
        profile: { first_name: customer.first_name, last_name: customer.last_name, phone: customer.phone },
      }
      const status = decision?.kind === "write" ? decision.status : null
      return new StepResponse<NewsletterChangePlan>({ email, optIn, optOuts: [], status })
    }

    const linked = await service.listMembers({ customer_id: customer.id }, { select: ["email", "status"] })
    const waiting = await service.listConsents(
      { customer_id: customer.id, action: "opt_in", sync_status: "pending" },
      { select: ["email"] }
    )
    const addresses = new Set<string>([email])
    for (const m of linked) if (m.status !== "archived") addresses.add(m.email)
    for (const c of waiting) addresses.add(c.email)
    const optOuts: OptOutInput[] = [...addresses].map((address) => ({
      email: address,
      customer_id: customer.id,
      customer_email: email,
      source: input.source,
      evidence: input.evidence,
    }))
    const onList = current === "subscribed" || current === "pending" || current === "unsubscribed" || current === "transactional"
    const status = onList ? "unsubscribed" : newsletterStatus(current)
    return new StepResponse<NewsletterChangePlan>({ email, optIn: null, optOuts, status })
  }
)
