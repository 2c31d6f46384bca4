import type { ICustomerModuleService } from "@medusajs/framework/types"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../../../types/mailchimp-module"
import type { AdminCustomerConsentsResponse } from "../../../../../../types/http"

/**
 * Every consent change of a customer, oldest first, with its source and evidence: what a
 * request for access under privacy law needs. Covers their account address and every address
 * of theirs the store linked to them.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminCustomerConsentsResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const customers = req.scope.resolve<ICustomerModuleService>(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ id: req.params.id }, { select: ["id", "email"], take: 1 })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${req.params.id} was not found`)
  }
  const audienceId = service.getOptions().audienceId
  const members = await service.listMembers({ audience_id: audienceId, customer_id: customer.id })
  const emails = [...new Set([customer.email.toLowerCase(), ...members.map((m) => m.email)])]
  const consents = await service.listConsents(
    { audience_id: audienceId, $or: [{ customer_id: customer.id }, { email: emails }] },
    { order: { created_at: "ASC" } }
  )
  const [atAddress] = await service.listMembers({ audience_id: audienceId, email: customer.email.toLowerCase() })
  const all = atAddress && !members.some((m) => m.id === atAddress.id) ? [atAddress, ...members] : members
  res.json({
    customer_id: customer.id,
    members: all.map((m) => ({
      email: m.email,
      status: m.status,
      status_at: m.status_at,
      status_source: m.status_source,
      reason: m.reason,
      group_tags: m.group_tags,
    })),
    consents: consents.map((c) => ({
      id: c.id,
      email: c.email,
      action: c.action,
      source: c.source,
      created_at: c.created_at,
      order_id: c.order_id,
      evidence: c.evidence,
      requested_status: c.requested_status,
      mailchimp_status: c.mailchimp_status,
      sync_status: c.sync_status,
      sync_error: c.sync_error,
      synced_at: c.synced_at,
    })),
  })
}
