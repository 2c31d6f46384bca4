import type { ICustomerModuleService, MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import { newsletterStatus, NewsletterStatus } from "../../modules/mailchimp/rules/list-management"
import type { MemberStatus } from "../../modules/mailchimp/rules/next-member-status"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

export type CustomerNewsletter = {
  email: string
  status: NewsletterStatus
  changed_at: Date | null
  // Who made the last change: checkout, signup, account, admin, or mailchimp (the member themselves).
  source: string | null
  // A subscribe or unsubscribe recorded and on its way to Mailchimp.
  pending: "subscribe" | "unsubscribe" | null
}

/**
 * A customer's subscription as the store knows it: the member at their address (else one linked
 * to them), kept current by the queue's writes and Mailchimp's webhooks.
 */
export async function readCustomerNewsletter(scope: MedusaContainer, customerId: string): Promise<CustomerNewsletter> {
  const service: IMailchimpModuleService = scope.resolve(MAILCHIMP_MODULE)
  const customers = scope.resolve<ICustomerModuleService>(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ id: customerId }, { select: ["id", "email"], take: 1 })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${customerId} was not found`)
  }
  const email = customer.email.trim().toLowerCase()
  const audienceId = service.getOptions().audienceId
  const [atAddress] = await service.listMembers({ audience_id: audienceId, email }, { take: 1 })
  const member =
    atAddress ??
    (await service.listMembers({ audience_id: audienceId, customer_id: customerId }, { take: 1, order: { status_at: "DESC" } }))[0]
  const [waiting] = await service.listConsents(
    { audience_id: audienceId, email: member?.email ?? email, action: ["opt_in", "opt_out"], sync_status: "pending" },
    { take: 1, order: { created_at: "DESC" }, select: ["action"] }
  )
  return {
    email: member?.email ?? email,
    status: newsletterStatus((member?.status as MemberStatus) ?? null),
    changed_at: member?.status_at ?? null,
    source: member?.status_source ?? null,
    pending: waiting ? (waiting.action === "opt_in" ? "subscribe" : "unsubscribe") : null,
  }
}
