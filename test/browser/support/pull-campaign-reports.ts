/**
 * `npx medusa exec test/browser/support/pull-campaign-reports.ts` against a browser test's store: what
 * the scheduled jobs do within the hour after a send, now. The campaign poll (the fallback when the
 * `campaign` webhook has not come) until CAMPAIGN_ID is sent, then the report pull job, waiting until
 * the running store's queue has pulled its report. Prints a JSON line { campaign_ids, report_id }.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import pollCampaignsJob from "../../../src/jobs/poll-campaigns"
import pullCampaignReportsJob from "../../../src/jobs/pull-campaign-reports"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../../src/modules/mailchimp-campaigns"
import type MailchimpCampaignsService from "../../../src/modules/mailchimp-campaigns/service"

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

export default async function pullReports({ container }: ExecArgs) {
  const id = process.env.CAMPAIGN_ID
  if (!id) throw new Error("Set CAMPAIGN_ID")
  const campaigns = container.resolve<MailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
  const started = Date.now()
  await until("the campaign to be sent", async () => {
    const [c] = await campaigns.listMailchimpCampaigns({ id }, { take: 1 })
    if (c?.status === "sent") return true
    await pollCampaignsJob(container)
    return false
  })
  const queued = await pullCampaignReportsJob(container)
  if (!queued.campaign_ids.includes(id)) throw new Error(`The pull job did not queue ${id}: ${queued.campaign_ids.join(", ")}`)
  const report = await until("the report to be pulled", async () => {
    const [r] = await campaigns.listCampaignReports({ campaign_id: id }, { take: 1 })
    return r?.pulled_at && new Date(r.pulled_at).getTime() >= started - 1_000 ? r : undefined
  })
  console.log(JSON.stringify({ campaign_ids: queued.campaign_ids, report_id: report.id }))
}
