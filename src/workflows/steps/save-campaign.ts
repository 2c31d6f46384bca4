import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../modules/mailchimp-campaigns"
import type { IMailchimpCampaignsService } from "../../types/mailchimp-campaigns-module"

export type SaveCampaignInput = { id?: string; fields: Record<string, unknown> }

type Undo = { created: string } | { id: string; previous: Record<string, unknown> }

/**
 * Stores a campaign (new, or changed fields of an existing one) as pending for Mailchimp; undone
 * by removing the new row or putting the changed fields back.
 */
export const saveCampaignStep = createStep(
  "save-mailchimp-campaign",
  async ({ id, fields }: SaveCampaignInput, { container }) => {
    const campaigns = container.resolve<IMailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
    if (!id) {
      const created = await campaigns.createMailchimpCampaigns({ ...fields, sync_status: "pending" } as never)
      return new StepResponse({ id: created.id }, { created: created.id } as Undo)
    }
    const current = (await campaigns.retrieveMailchimpCampaign(id)) as unknown as Record<string, unknown>
    const previous: Record<string, unknown> = { sync_status: current.sync_status }
    for (const key of Object.keys(fields)) previous[key] = current[key]
    await campaigns.updateMailchimpCampaigns({ id, ...fields, sync_status: "pending" })
    return new StepResponse({ id }, { id, previous } as Undo)
  },
  async (undo: Undo | undefined, { container }) => {
    if (!undo) return
    const campaigns = container.resolve<IMailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
    if ("created" in undo) await campaigns.deleteMailchimpCampaigns(undo.created)
    else await campaigns.updateMailchimpCampaigns({ id: undo.id, ...undo.previous })
  }
)
