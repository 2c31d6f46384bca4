import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireCampaign, runCampaignAction } from "../../run-campaign-action"

/** Takes the campaign off its schedule: a draft again. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const campaign = await requireCampaign(req, req.params.id)
  await runCampaignAction(req, res, campaign.id, "unschedule")
}
