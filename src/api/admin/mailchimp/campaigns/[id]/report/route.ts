import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { campaignsOf, requireCampaign } from "../../run-campaign-action"
import type { CampaignReportView } from "../../../../../../types/http"

/**
 * A campaign's results: Mailchimp's figures (as last pulled), revenue and orders attributed to it
 * (orders carrying its id, and apart, orders by its recipients within `attributionDays` after the
 * send) and its activity per hour and action, for a chart.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<CampaignReportView>) {
  const campaigns = campaignsOf(req)
  const campaign = await requireCampaign(req, req.params.id)
  const [report] = await campaigns.listCampaignReports({ campaign_id: campaign.id }, { take: 1 })
  const remoteId = campaign.mailchimp_campaign_id
  const attribution = remoteId ? await campaigns.attribution({ mailchimp_campaign_id: remoteId, sent_at: campaign.sent_at }) : null
  const perHour = remoteId ? await campaigns.activityPerHour(remoteId) : []
  res.json({
    campaign,
    report: report ?? null,
    attribution,
    activity: perHour.map((r) => ({ hour: new Date(r.hour).toISOString(), action: r.action, events: r.events, people: r.people })),
  })
}
