import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { mailchimpTime } from "../../../../../../mailchimp/time"
import { requireCampaign, runCampaignAction } from "../../run-campaign-action"
import type { AdminScheduleCampaignType } from "./validators"

/** Schedules the campaign at a quarter-hour time (others were refused by the validator). */
export async function POST(req: AuthenticatedMedusaRequest<AdminScheduleCampaignType>, res: MedusaResponse) {
  const campaign = await requireCampaign(req, req.params.id)
  // Mailchimp wants UTC ("The UTC date and time …"): the admin's own offset is turned into it.
  const time = mailchimpTime(req.validatedBody.schedule_time)
  await runCampaignAction(req, res, campaign.id, "schedule", { schedule_time: time })
}
