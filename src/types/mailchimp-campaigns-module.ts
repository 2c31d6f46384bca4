import type { Context, IModuleService } from "@medusajs/framework/types"
import type { AbstractModuleService, ModelConfigurationsToConfigTemplate } from "@medusajs/framework/utils"
import type { ErasedPeople } from "../modules/mailchimp/erasure/erase-rows"
import type { MailchimpCampaign } from "../modules/mailchimp-campaigns/models/campaign"
import type { CampaignReport } from "../modules/mailchimp-campaigns/models/campaign-report"
import type { EmailActivity } from "../modules/mailchimp-campaigns/models/email-activity"
import type { CampaignTestSend } from "../modules/mailchimp-campaigns/models/campaign-test-send"
import type { CampaignOptions } from "../modules/mailchimp-campaigns/options"
import type { ActivityRow, RevenueLine, SegmentTarget } from "../modules/mailchimp-campaigns/service"

export type { ActivityRow, RevenueLine, SegmentTarget }

/** The list, listAndCount, retrieve, create, update and delete methods Medusa generates for the module's tables. */
type CampaignTables = AbstractModuleService<
  ModelConfigurationsToConfigTemplate<{
    MailchimpCampaign: typeof MailchimpCampaign
    CampaignReport: typeof CampaignReport
    EmailActivity: typeof EmailActivity
    CampaignTestSend: typeof CampaignTestSend
  }>
>

/**
 * The campaigns module's service (`MAILCHIMP_CAMPAIGNS_MODULE`) as routes, workflows and processors use it;
 * src/modules/mailchimp-campaigns/service.ts implements it.
 */
export interface IMailchimpCampaignsService extends IModuleService, CampaignTables {
  getOptions(): CampaignOptions
  /** Writes what Mailchimp says of a campaign's state, except that a sent campaign is never moved back. */
  applyRemoteState(id: string, fields: Record<string, unknown>): Promise<void>
  /** Stores activity rows; those stored already are skipped. Answers how many were new. */
  recordActivity(rows: ActivityRow[], ctx?: Context): Promise<number>
  /** Activity per hour and action for a campaign (Mailchimp id). */
  activityPerHour(
    mailchimpCampaignId: string,
    ctx?: Context
  ): Promise<{ hour: Date; action: string; events: number; people: number }[]>
  /** A customer's activity (by customer id, or by their addresses), newest first. */
  activityOf(
    customerId: string,
    emails: string[],
    limit?: number,
    ctx?: Context
  ): Promise<
    {
      campaign_id: string
      local_campaign_id: string | null
      subject: string | null
      email: string
      action: string
      occurred_at: Date
      url: string | null
    }[]
  >
  /** Revenue and orders per currency: orders carrying the campaign's id, and apart, its recipients' orders. */
  attribution(
    campaign: { mailchimp_campaign_id: string; sent_at: Date | string | null },
    ctx?: Context
  ): Promise<{ campaign_id: RevenueLine[]; recipients: RevenueLine[]; window: { from: string; to: string; days: number } | null }>
  /**
   * A segment's Mailchimp static segment id (null: not in Mailchimp yet) and audience (null: the plugin's);
   * undefined when there is no such segment.
   */
  segmentTarget(segmentId: string, ctx?: Context): Promise<SegmentTarget | undefined>
  /** An erasure: the campaign activity of these addresses and customers. Answers the rows removed. */
  eraseAddresses(people: ErasedPeople, ctx?: Context): Promise<number>
}
