import type { IMailchimpCampaignsService } from "../../../types/mailchimp-campaigns-module"

const STATUSES = new Set(["save", "paused", "schedule", "sending", "sent", "canceled"])

/**
 * A `campaign` webhook (data[id], data[status]: "sent" or "canceled"…) moves the store's copy of that
 * campaign, when the store has one. Answers what it did, for the event's outcome.
 */
export async function applyCampaignEvent(
  campaigns: IMailchimpCampaignsService | undefined,
  data: { id: string | null; status: string | null },
  firedAt: Date
): Promise<string | null> {
  if (!campaigns || !data.id || !data.status) return null
  const status = data.status === "canceling" ? "canceled" : data.status
  if (!STATUSES.has(status)) return null
  const [campaign] = await campaigns.listMailchimpCampaigns({ mailchimp_campaign_id: data.id }, { take: 1 })
  if (!campaign) return null
  // A sent campaign stays sent: a late "sending" read must not move it back.
  if (campaign.status === "sent" && status !== "sent") return `local campaign ${campaign.id} already sent`
  await campaigns.updateMailchimpCampaigns({
    id: campaign.id,
    status: status as "sent",
    ...(status === "sent" && !campaign.sent_at ? { sent_at: firedAt } : {}),
    ...(status === "sent" || status === "canceled" ? { scheduled_at: null } : {}),
  })
  return `local campaign ${campaign.id} ${status}`
}
