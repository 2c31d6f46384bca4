import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../../../types/mailchimp-module"
import { problemOf } from "../../../mailchimp-reads"
import { requireCampaign } from "../../run-campaign-action"
import type { AdminCampaignChecklistResponse, ErrorResponse } from "../../../../../../types/http"

/** Mailchimp's send checklist for the campaign (a read, straight from Mailchimp). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminCampaignChecklistResponse | (ErrorResponse & { mailchimp: unknown })>) {
  const campaign = await requireCampaign(req, req.params.id)
  if (!campaign.mailchimp_campaign_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "The campaign is not in Mailchimp yet: save it first")
  }
  const client = req.scope.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getClient()
  try {
    const checklist = await client.campaigns.sendChecklist(campaign.mailchimp_campaign_id)
    res.json({ checklist: { is_ready: checklist.is_ready, items: checklist.items } })
  } catch (e) {
    res.status(502).json({ type: "mailchimp_error", message: "Mailchimp could not give the checklist", mailchimp: problemOf(e) })
  }
}
