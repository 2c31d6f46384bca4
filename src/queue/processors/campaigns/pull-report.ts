import type { EmailActivityPage } from "../../../mailchimp/reports"
import type { ActivityRow } from "../../../types/mailchimp-campaigns-module"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { campaignsContext } from "./context"

const PAGE = 1_000
// Activity is asked for from a little before the previous pull: Mailchimp records events late.
const OVERLAP_MS = 15 * 60_000

/**
 * Pulls a sent campaign's report into mailchimp_campaign_report and its email activity since the
 * last pull into mailchimp_email_activity (the first pull also records each recipient as `sent`).
 */
export async function pullCampaignReport(payload: JobPayload<"campaign.report.pull">, base: ProcessorContext) {
  const { campaigns, client } = campaignsContext(base)
  const [campaign] = await campaigns.listMailchimpCampaigns({ id: payload.campaign_id }, { take: 1 })
  const remoteId = campaign?.mailchimp_campaign_id
  if (!remoteId) return { skipped: "not in Mailchimp" }
  const startedAt = new Date()
  const [existing] = await campaigns.listCampaignReports({ campaign_id: campaign.id }, { take: 1 })

  const report = await client.reports.get(remoteId)
  const figures = {
    campaign_id: campaign.id,
    mailchimp_campaign_id: remoteId,
    emails_sent: report.emails_sent ?? 0,
    opens: report.opens?.opens_total ?? 0,
    unique_opens: report.opens?.unique_opens ?? 0,
    open_rate: report.opens?.open_rate ?? 0,
    clicks: report.clicks?.clicks_total ?? 0,
    unique_clicks: report.clicks?.unique_clicks ?? 0,
    click_rate: report.clicks?.click_rate ?? 0,
    hard_bounces: report.bounces?.hard_bounces ?? 0,
    soft_bounces: report.bounces?.soft_bounces ?? 0,
    unsubscribed: report.unsubscribed ?? 0,
    abuse_reports: report.abuse_reports ?? 0,
    pulled_at: startedAt,
  }

  const lastPull = existing?.last_activity_pulled_at ? new Date(existing.last_activity_pulled_at) : null
  const since = lastPull ? new Date(lastPull.getTime() - OVERLAP_MS).toISOString() : undefined
  const sentAt = report.send_time ?? (campaign.sent_at ? new Date(campaign.sent_at).toISOString() : startedAt.toISOString())
  let inserted = 0
  let read = 0
  for (let offset = 0; ; offset += PAGE) {
    const page: EmailActivityPage = await client.reports.emailActivity(remoteId, { count: PAGE, offset, ...(since ? { since } : {}) })
    const rows: ActivityRow[] = []
    for (const person of page.emails) {
      if (!since) rows.push({ campaign_id: remoteId, email: person.email_address, action: "sent", occurred_at: sentAt })
      for (const event of person.activity) {
        rows.push({ campaign_id: remoteId, email: person.email_address, action: event.action, occurred_at: event.timestamp, url: event.url ?? null })
      }
    }
    read += rows.length
    // Mailchimp's report still lists an archived member: an erased address's activity is not recorded again.
    const erased = await base.service.erasedSince(page.emails.map((p) => p.email_address))
    inserted += await campaigns.recordActivity(erased.size ? rows.filter((r) => !erased.has(r.email.trim().toLowerCase())) : rows)
    if (page.emails.length < PAGE || offset + PAGE >= page.total_items) break
  }

  const reportFields = { ...figures, last_activity_pulled_at: startedAt }
  if (existing) await campaigns.updateCampaignReports({ id: existing.id, ...reportFields })
  else await campaigns.createCampaignReports(reportFields)
  if (campaign.emails_sent !== figures.emails_sent) {
    await campaigns.updateMailchimpCampaigns({ id: campaign.id, emails_sent: figures.emails_sent })
  }
  return { campaign_id: campaign.id, activity_read: read, activity_new: inserted }
}
