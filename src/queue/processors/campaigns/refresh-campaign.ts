import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { campaignsContext, stateFromRemote } from "./context"

/** Reads a campaign's state in Mailchimp (the fallback when a campaign webhook did not come). */
export async function refreshCampaign(payload: JobPayload<"campaign.refresh">, base: ProcessorContext) {
  const { campaigns, client } = campaignsContext(base)
  const [campaign] = await campaigns.listMailchimpCampaigns({ id: payload.campaign_id }, { take: 1 })
  if (!campaign?.mailchimp_campaign_id) return { skipped: "not in Mailchimp" }
  const remote = await client.campaigns.get(campaign.mailchimp_campaign_id)
  const fields = stateFromRemote(remote)
  await campaigns.applyRemoteState(campaign.id, fields)
  return { campaign_id: campaign.id, status: fields.status ?? campaign.status }
}
