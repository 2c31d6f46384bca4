import type { MedusaContainer } from "@medusajs/framework/types"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import type { IMailchimpModuleService } from "../types/mailchimp-module"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../modules/mailchimp-campaigns"
import type { IMailchimpCampaignsService } from "../types/mailchimp-campaigns-module"

/**
 * The fallback when a `campaign` webhook does not come: campaigns scheduled or sending are read
 * again from Mailchimp (one queued read each). Answers how many were queued.
 */
export default async function pollCampaignsJob(container: MedusaContainer): Promise<{ queued: number }> {
  const campaigns = container.resolve<IMailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
  const queue = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue()
  const open = await campaigns.listMailchimpCampaigns(
    { status: ["schedule", "sending"], mailchimp_campaign_id: { $ne: null } },
    { select: ["id"], take: 1_000 }
  )
  const results = await Promise.all(open.map((c) => queue.enqueue("campaign.refresh", { campaign_id: c.id })))
  return { queued: results.filter((r) => r === "queued").length }
}

export const config = {
  name: "mailchimp-poll-campaigns",
  schedule: "*/5 * * * *",
}
