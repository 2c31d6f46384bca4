import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { ICustomerModuleService } from "@medusajs/framework/types"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../../../../../modules/mailchimp-campaigns"
import type { IMailchimpCampaignsService } from "../../../../../../types/mailchimp-campaigns-module"
import type { EmailActivityView } from "../../../../../../types/http"

/** A customer's campaign activity (sends, opens, clicks, bounces), newest first, with totals, for the customer page. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<EmailActivityView>) {
  const customers = req.scope.resolve<ICustomerModuleService>(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ id: req.params.id }, { select: ["id", "email"], take: 1 })
  if (!customer) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No customer ${req.params.id}`)
  const campaigns = req.scope.resolve<IMailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
  const rows = await campaigns.activityOf(customer.id, customer.email ? [customer.email] : [])
  const totals: Record<string, number> = {}
  for (const r of rows) totals[r.action] = (totals[r.action] ?? 0) + 1
  res.json({
    customer_id: customer.id,
    email: customer.email,
    totals,
    campaigns: new Set(rows.map((r) => r.campaign_id)).size,
    activity: rows.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() })),
  })
}
