import { generateEntityId, InjectManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context, Logger } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { eraseRowsOf, type ErasedPeople } from "../mailchimp/erasure/erase-rows"
import { CampaignOptions, parseCampaignOptions } from "./options"
import { MailchimpCampaign } from "./models/campaign"
import { CampaignReport } from "./models/campaign-report"
import { EmailActivity } from "./models/email-activity"
import { CampaignTestSend } from "./models/campaign-test-send"
import type { IMailchimpCampaignsService } from "../../types/mailchimp-campaigns-module"
import {
  ACTIVITY_OF_PEOPLE,
  ACTIVITY_PER_HOUR,
  ATTRIBUTED_BY_CAMPAIGN_ID,
  ATTRIBUTED_BY_RECIPIENTS,
  INSERT_ACTIVITY,
  SEGMENT_TARGET,
} from "./sql/activity"
import { ERASE_TEST_SENDS_TO } from "./sql/test-sends"

export type ActivityRow = { campaign_id: string; email: string; action: string; occurred_at: string | Date; url?: string | null }
export type RevenueLine = { currency_code: string; orders: number; revenue: string }
export type SegmentTarget = { mailchimp_segment_id: number | null; audience_id: string | null }

type InjectedDependencies = { logger: Logger }

class MailchimpCampaignsService extends MedusaService({
  MailchimpCampaign,
  CampaignReport,
  EmailActivity,
  CampaignTestSend,
})
  implements IMailchimpCampaignsService
{
  protected readonly options_: CampaignOptions
  protected readonly logger_: Logger

  constructor(deps: InjectedDependencies, options: Record<string, unknown>) {
    // @ts-ignore MedusaService takes the same arguments
    super(...arguments)
    this.logger_ = deps.logger
    this.options_ = parseCampaignOptions(options ?? {})
  }

  getOptions(): CampaignOptions {
    return this.options_
  }

  /**
   * Writes what Mailchimp says of a campaign's state, except that a sent campaign is never moved
   * back (a read made just before the send finished may arrive after the `campaign` webhook).
   */
  async applyRemoteState(id: string, fields: Record<string, unknown>): Promise<void> {
    const [current] = await this.listMailchimpCampaigns({ id }, { take: 1, select: ["id", "status", "sent_at"] })
    if (!current) return
    const update = { ...fields }
    if (current.status === "sent" && update.status && update.status !== "sent") {
      delete update.status
      delete update.scheduled_at
      if (current.sent_at) delete update.sent_at
    }
    await this.updateMailchimpCampaigns({ id, ...update })
  }

  /** Stores activity rows; those stored already (same campaign, address, action and time) are skipped. Answers how many were new. */
  @InjectManager()
  async recordActivity(rows: ActivityRow[], @MedusaContext() ctx: Context = {}): Promise<number> {
    let inserted = 0
    for (let i = 0; i < rows.length; i += 2_000) {
      const chunk = rows.slice(i, i + 2_000).map((r) => ({
        id: generateEntityId(undefined, "mcea"),
        campaign_id: r.campaign_id,
        email: r.email.trim().toLowerCase(),
        action: r.action,
        occurred_at: new Date(r.occurred_at).toISOString(),
        url: r.url ?? null,
      }))
      inserted += (await this.sql(ctx).execute(INSERT_ACTIVITY, [JSON.stringify(chunk)])).length
    }
    return inserted
  }

  /** Activity per hour and action for a campaign (Mailchimp id). */
  @InjectManager()
  async activityPerHour(mailchimpCampaignId: string, @MedusaContext() ctx: Context = {}) {
    const rows = await this.sql(ctx).execute(ACTIVITY_PER_HOUR, [mailchimpCampaignId])
    return rows as { hour: Date; action: string; events: number; people: number }[]
  }

  /** A customer's activity (by customer id, or by their addresses), newest first. */
  @InjectManager()
  async activityOf(customerId: string, emails: string[], limit = 500, @MedusaContext() ctx: Context = {}) {
    const addresses = emails.length ? emails.map((e) => e.toLowerCase()) : [""]
    return this.sql(ctx).execute(ACTIVITY_OF_PEOPLE, [customerId, addresses, limit]) as Promise<
      { campaign_id: string; local_campaign_id: string | null; subject: string | null; email: string; action: string; occurred_at: Date; url: string | null }[]
    >
  }

  /**
   * Revenue and orders per currency: orders carrying the campaign's id, and, apart, orders by its
   * recipients within `attributionDays` after the send that do not carry it.
   */
  @InjectManager()
  async attribution(
    campaign: { mailchimp_campaign_id: string; sent_at: Date | string | null },
    @MedusaContext() ctx: Context = {}
  ): Promise<{ campaign_id: RevenueLine[]; recipients: RevenueLine[]; window: { from: string; to: string; days: number } | null }> {
    const id = campaign.mailchimp_campaign_id
    const direct = (await this.sql(ctx).execute(ATTRIBUTED_BY_CAMPAIGN_ID, [id])) as RevenueLine[]
    if (!campaign.sent_at) return { campaign_id: direct, recipients: [], window: null }
    const days = this.options_.attributionDays
    const from = new Date(campaign.sent_at)
    const to = new Date(from.getTime() + days * 86_400_000)
    const recipients = (await this.sql(ctx).execute(ATTRIBUTED_BY_RECIPIENTS, [from, to, id, id])) as RevenueLine[]
    return { campaign_id: direct, recipients, window: { from: from.toISOString(), to: to.toISOString(), days } }
  }

  /**
   * What a campaign aimed at the segments module's segment needs of it: its Mailchimp static segment id (null when
   * it is not in Mailchimp yet) and its audience (null: the plugin's). Undefined when there is no such segment.
   */
  @InjectManager()
  async segmentTarget(segmentId: string, @MedusaContext() ctx: Context = {}): Promise<SegmentTarget | undefined> {
    const [exists] = await this.sql(ctx).execute(`SELECT to_regclass('mailchimp_segment') IS NOT NULL AS ok`)
    if (!exists?.ok) return undefined
    const [row] = await this.sql(ctx).execute(SEGMENT_TARGET, [segmentId])
    if (!row) return undefined
    return { mailchimp_segment_id: row.mailchimp_segment_id == null ? null : Number(row.mailchimp_segment_id), audience_id: row.audience_id ?? null }
  }

  /** An erasure: the campaign activity of these addresses and customers. Answers the rows removed. */
  @InjectManager()
  async eraseAddresses(people: ErasedPeople, @MedusaContext() ctx: Context = {}): Promise<number> {
    const activity = await this.sql(ctx).execute(...eraseRowsOf("mailchimp_email_activity", people))
    // A test send not yet made to one of these addresses is dropped whole (the job then finds no row).
    const tests = await this.sql(ctx).execute(ERASE_TEST_SENDS_TO, [JSON.stringify(people.emails.map((e) => e.trim().toLowerCase()))])
    return activity.length + tests.length
  }

  protected sql(ctx: Context): SqlEntityManager {
    return (ctx.transactionManager ?? ctx.manager) as SqlEntityManager
  }
}

export default MailchimpCampaignsService
