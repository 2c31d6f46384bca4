import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireCampaign, runCampaignAction } from "../../run-campaign-action"

/** Sends the campaign now (Mailchimp answers 400 while its send checklist is not ready). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const campaign = await requireCampaign(req, req.params.id)
  await runCampaignAction(req, res, campaign.id, "send")
}
