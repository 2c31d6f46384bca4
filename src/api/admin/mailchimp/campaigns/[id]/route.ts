import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { saveCampaignWorkflow } from "../../../../../workflows/campaigns/save-campaign"
import { pluginAudience } from "../../audience-in-use"
import { campaignFields } from "../campaign-input"
import { campaignsOf, requireCampaign, runCampaignAction } from "../run-campaign-action"
import type { AdminUpdateCampaignType } from "../validators"
import type { AdminCampaignActionResponse, AdminCampaignResponse, ErrorResponse } from "../../../../../types/http"

/** One campaign, with its latest report figures when pulled. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminCampaignResponse>) {
  const campaign = await requireCampaign(req, req.params.id)
  const [report] = await campaignsOf(req).listCampaignReports({ campaign_id: campaign.id }, { take: 1 })
  res.json({ campaign, report: report ?? null })
}

/** Changes a draft campaign (settings, audience or segment, content); Mailchimp is updated through the queue. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateCampaignType>, res: MedusaResponse<AdminCampaignActionResponse | ErrorResponse>) {
  const campaigns = campaignsOf(req)
  const campaign = await requireCampaign(req, req.params.id)
  if (campaign.status !== "save" && campaign.status !== "paused") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      campaign.status === "schedule"
        ? "The campaign is scheduled: unschedule it before changing it"
        : `The campaign is ${campaign.status}: it can no longer be changed`
    )
  }
  const fields = await campaignFields(campaigns, req.validatedBody, { pluginAudienceId: pluginAudience(req), current: campaign })
  await saveCampaignWorkflow(req.scope).run({ input: { id: campaign.id, fields } })
  await runCampaignAction(req, res, campaign.id, "save")
}
