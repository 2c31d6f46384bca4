import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../../../modules/mailchimp-campaigns"
import type { IMailchimpCampaignsService } from "../../../../types/mailchimp-campaigns-module"
import type { JobPayload } from "../../../../modules/mailchimp/queue-runtime/jobs"
import { pluginAudience } from "../audience-in-use"

// An admin action waits this long for Mailchimp's answer; after it the job goes on in the queue.
const WAIT_MS = 30_000

export type CampaignAction = JobPayload<"campaign.action">["action"]

/** The id of one admin action: the job's request_id, and the id of what the action keeps in Postgres. */
export function newRequestId(): string {
  return generateEntityId(undefined, "req")
}

export function campaignsOf(req: MedusaRequest): IMailchimpCampaignsService {
  return req.scope.resolve<IMailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
}

/** A campaign row as the admin reads it: `audience_id` is the audience it goes to (null stored: the plugin's). */
export function withAudience<T extends { audience_id: string | null }>(req: MedusaRequest, campaign: T): T & { audience_id: string } {
  return { ...campaign, audience_id: campaign.audience_id ?? pluginAudience(req) }
}

export async function requireCampaign(req: MedusaRequest, id: string) {
  const [campaign] = await campaignsOf(req).listMailchimpCampaigns({ id }, { take: 1 })
  if (!campaign) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No campaign ${id}`)
  return withAudience(req, campaign)
}

/**
 * Runs one action through the queue and answers with the campaign as it then is: 200 when Mailchimp
 * did it, 400 with Mailchimp's words when it refused, 202 when it is still on its way (retried).
 */
export async function runCampaignAction(
  req: MedusaRequest,
  res: MedusaResponse,
  campaignId: string,
  action: CampaignAction,
  extra: Partial<Pick<JobPayload<"campaign.action">, "schedule_time">> = {},
  status = 200,
  request_id = newRequestId()
) {
  const queue = req.scope.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue()
  try {
    await queue.runAndWait("campaign.action", { campaign_id: campaignId, action, request_id, ...extra }, WAIT_MS)
  } catch (e) {
    const campaign = await requireCampaign(req, campaignId)
    const error = campaign.error as { refused?: boolean; request_id?: string; action?: string; status?: number | null; title?: string; detail?: string } | null
    if (error?.request_id === request_id && error.refused) {
      res.status(400).json({
        type: "invalid_data",
        message: `Mailchimp refused to ${action} the campaign: ${error.detail || error.title || (e as Error).message}`,
        mailchimp: error,
        campaign,
      })
      return
    }
    res.status(202).json({ campaign, queued: true, message: `Not done yet (${(e as Error).message}); the queue retries it` })
    return
  }
  res.status(status).json({ campaign: await requireCampaign(req, campaignId) })
}
