import type { ICustomerModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

export type RecordErasureInput = {
  customer_id?: string | null
  emails?: string[]
  // An explicit request covers the customer's current address too, linked or not.
  include_customer_email?: boolean
  trigger: "customer_deleted" | "admin_request"
  requested_by?: string | null
  mode?: "archive" | "delete-permanent"
}

/**
 * Removes what the core module holds about the addresses (consents, members, webhook deliveries) in every
 * audience the store used, and leaves one erasure row per address and audience (the hash only) for the
 * Mailchimp side. Not undone on a later failure: an erasure is not taken back.
 */
export const recordErasureStep = createStep("record-mailchimp-erasure", async (input: RecordErasureInput, { container }) => {
  const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
  const emails = [...(input.emails ?? [])]
  if (input.customer_id && input.include_customer_email) {
    const customers = container.resolve<ICustomerModuleService>(Modules.CUSTOMER)
    const [customer] = await customers.listCustomers({ id: input.customer_id }, { select: ["email"], take: 1, withDeleted: true })
    if (customer?.email) emails.push(customer.email)
  }
  const { erasure_ids, addresses, removed_links, removed } = await service.recordErasure({
    emails,
    customer_id: input.customer_id ?? null,
    trigger: input.trigger,
    requested_by: input.requested_by ?? null,
    mode: input.mode,
  })
  if (removed_links.length) {
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    await link
      .dismiss(
        removed_links.map((l) => ({ [Modules.CUSTOMER]: { customer_id: l.customer_id }, [MAILCHIMP_MODULE]: { consent_id: l.consent_id } }))
      )
      .catch((e: Error) => service.getLogger().warn(`medusa-mailchimp: consent links left after erasure: ${e.message}`))
  }
  return new StepResponse({ erasure_ids, addresses, removed })
})
