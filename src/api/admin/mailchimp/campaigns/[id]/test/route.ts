import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { campaignsOf, newRequestId, requireCampaign, runCampaignAction } from "../../run-campaign-action"
import type { AdminTestCampaignType } from "./validators"

/**
 * Sends a test of the campaign to the given addresses (through the queue). The addresses wait in
 * Postgres under the request's id; the job carries the id only.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminTestCampaignType>, res: MedusaResponse) {
  const campaign = await requireCampaign(req, req.params.id)
  const { emails, send_type } = req.validatedBody
  const request_id = newRequestId()
  await campaignsOf(req).createCampaignTestSends({
    id: request_id,
    campaign_id: campaign.id,
    emails: emails.map((e) => e.trim().toLowerCase()),
    send_type: send_type ?? null,
  })
  await runCampaignAction(req, res, campaign.id, "test", {}, 200, request_id)
}
