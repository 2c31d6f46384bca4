import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveCampaignStep, SaveCampaignInput } from "../steps/save-campaign"

/**
 * Stores a campaign the merchant created or changed. The route then has it written to Mailchimp
 * through the queue (`campaign.action` save) and answers Mailchimp's outcome.
 */
export const saveCampaignWorkflow = createWorkflow("mailchimp-save-campaign", (input: SaveCampaignInput) => {
  const saved = saveCampaignStep(input)
  return new WorkflowResponse(saved)
})
