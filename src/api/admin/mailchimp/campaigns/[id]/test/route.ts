import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requireCampaign, runCampaignAction } from "../../run-campaign-action"
import type { AdminTestCampaignType } from "./validators"

/** Sends a test of the campaign to the given addresses (through the queue). */
export async function POST(req: AuthenticatedMedusaRequest<AdminTestCampaignType>, res: MedusaResponse) {
  const campaign = await requireCampaign(req, req.params.id)
  const { emails, send_type } = req.validatedBody
  await runCampaignAction(req, res, campaign.id, "test", { test_emails: emails, ...(send_type ? { send_type } : {}) })
}
