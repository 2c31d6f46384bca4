import type { MedusaContainer } from "@medusajs/framework/types"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import type { IMailchimpModuleService } from "../types/mailchimp-module"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../modules/mailchimp-campaigns"
import type { IMailchimpCampaignsService } from "../types/mailchimp-campaigns-module"

/**
 * Queues a report pull (figures and the email activity since the last pull) for every campaign sent
 * within the last `reportsDays` days. Answers the campaigns queued.
 */
export default async function pullCampaignReportsJob(container: MedusaContainer): Promise<{ campaign_ids: string[] }> {
  const campaigns = container.resolve<IMailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
  const queue = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue()
  const since = new Date(Date.now() - campaigns.getOptions().reportsDays * 86_400_000)
  const sent = await campaigns.listMailchimpCampaigns(
    { status: "sent", sent_at: { $gte: since }, mailchimp_campaign_id: { $ne: null } },
    { select: ["id"], take: 10_000 }
  )
  await Promise.all(sent.map((c) => queue.enqueue("campaign.report.pull", { campaign_id: c.id })))
  return { campaign_ids: sent.map((c) => c.id) }
}

export const config = {
  name: "mailchimp-pull-campaign-reports",
  schedule: "17 * * * *",
}
