import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireCampaign, runCampaignAction } from "../../run-campaign-action"
import type { AdminScheduleCampaignType } from "./validators"

/** Schedules the campaign at a quarter-hour time (others were refused by the validator). */
export async function POST(req: AuthenticatedMedusaRequest<AdminScheduleCampaignType>, res: MedusaResponse) {
  const campaign = await requireCampaign(req, req.params.id)
  const time = new Date(req.validatedBody.schedule_time).toISOString()
  await runCampaignAction(req, res, campaign.id, "schedule", { schedule_time: time })
}
