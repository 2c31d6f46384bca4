import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveCampaignWorkflow } from "../../../../workflows/campaigns/save-campaign"
import { campaignFields } from "./campaign-input"
import { audiencesOf, pluginAudience } from "../audience-in-use"
import { campaignsOf, runCampaignAction, withAudience } from "./run-campaign-action"
import type { AdminCreateCampaignType, AdminListCampaignsType } from "./validators"
import type { AdminCampaignActionResponse, AdminCampaignListResponse, ErrorResponse } from "../../../../types/http"

/** Campaigns, newest first (`?status=`, `limit`, `offset`); the audiences a campaign may go to. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminCampaignListResponse>) {
  const { status, limit, offset } = req.validatedQuery as AdminListCampaignsType
  const [campaigns, count] = await campaignsOf(req).listAndCountMailchimpCampaigns(status ? { status } : {}, {
    take: limit,
    skip: offset,
    order: { created_at: "DESC" },
  })
  res.json({ campaigns: campaigns.map((c) => withAudience(req, c)), count, limit, offset, audience_ids: audiencesOf(req) })
}

/** Creates a campaign (to `audience_id`, its segment's audience, or the plugin's): stored, then created in Mailchimp through the queue (with its content). */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateCampaignType>, res: MedusaResponse<AdminCampaignActionResponse | ErrorResponse>) {
  const campaigns = campaignsOf(req)
  const fields = await campaignFields(campaigns, req.validatedBody, { pluginAudienceId: pluginAudience(req) })
  const { result } = await saveCampaignWorkflow(req.scope).run({ input: { fields } })
  await runCampaignAction(req, res, result.id, "save", {}, 201)
}
