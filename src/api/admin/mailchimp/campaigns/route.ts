import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveCampaignWorkflow } from "../../../../workflows/campaigns/save-campaign"
import { campaignFields } from "./campaign-input"
import { campaignsOf, runCampaignAction } from "./run-campaign-action"
import type { AdminCreateCampaignType, AdminListCampaignsType } from "./validators"
import type { AdminCampaignActionResponse, AdminCampaignListResponse, ErrorResponse } from "../../../../types/http"

/** Campaigns, newest first (`?status=`, `limit`, `offset`). */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminCampaignListResponse>) {
  const { status, limit, offset } = req.validatedQuery as AdminListCampaignsType
  const [campaigns, count] = await campaignsOf(req).listAndCountMailchimpCampaigns(status ? { status } : {}, {
    take: limit,
    skip: offset,
    order: { created_at: "DESC" },
  })
  res.json({ campaigns, count, limit, offset })
}

/** Creates a campaign: stored, then created in Mailchimp through the queue (with its content). */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateCampaignType>, res: MedusaResponse<AdminCampaignActionResponse | ErrorResponse>) {
  const campaigns = campaignsOf(req)
  const fields = await campaignFields(campaigns, req.validatedBody)
  const { result } = await saveCampaignWorkflow(req.scope).run({ input: { fields } })
  await runCampaignAction(req, res, result.id, "save", {}, 201)
}
