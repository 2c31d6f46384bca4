import type { Timestamp } from "./common"

export type CampaignStatus = "save" | "paused" | "schedule" | "sending" | "sent" | "canceled"

export type CampaignError = {
  refused?: boolean
  request_id?: string
  action?: string
  status?: number | null
  title?: string
  detail?: string
} | null

export type Campaign = {
  id: string
  mailchimp_campaign_id: string | null
  /** The audience it goes to (or to one of its segments). */
  audience_id: string
  segment_id: string | null
  mailchimp_segment_id: number | null
  subject: string
  preview_text: string | null
  from_name: string
  reply_to: string
  title: string | null
  content_type: "html" | "plain" | "template"
  html: string | null
  plain_text: string | null
  template_id: number | null
  status: CampaignStatus
  scheduled_at: Timestamp | null
  sent_at: Timestamp | null
  emails_sent: number | null
  sync_status: "pending" | "synced" | "failed"
  last_action: string | null
  error: CampaignError
  replicated_from: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type CampaignReportFigures = {
  id: string
  campaign_id: string
  mailchimp_campaign_id: string
  emails_sent: number
  opens: number
  unique_opens: number
  open_rate: number
  clicks: number
  unique_clicks: number
  click_rate: number
  hard_bounces: number
  soft_bounces: number
  unsubscribed: number
  abuse_reports: number
  pulled_at: Timestamp | null
  last_activity_pulled_at: Timestamp | null
}

export type RevenueLine = { currency_code: string; orders: number; revenue: string }

export type CampaignAttribution = {
  campaign_id: RevenueLine[]
  recipients: RevenueLine[]
  window: { from: Timestamp; to: Timestamp; days: number } | null
}

/** GET /admin/mailchimp/campaigns/:id/report */
export type CampaignReportView = {
  campaign: Campaign
  report: CampaignReportFigures | null
  attribution: CampaignAttribution | null
  activity: { hour: string; action: string; events: number; people: number }[]
}

/** What the campaign form sends: create takes every required field, update the changed ones. */
export type CampaignBody = {
  title?: string | null
  subject?: string
  preview_text?: string | null
  from_name?: string
  reply_to?: string
  audience_id?: string
  segment_id?: string | null
  mailchimp_segment_id?: number | null
  html?: string
}

/** GET /admin/mailchimp/campaigns */
export type AdminCampaignListResponse = {
  campaigns: Campaign[]
  count: number
  limit: number
  offset: number
  /** The audiences a campaign may go to: the plugin's first, then the sales channels' stores' (docs/sales-channels.md). */
  audience_ids: string[]
}

/** GET /admin/mailchimp/campaigns/:id */
export type AdminCampaignResponse = { campaign: Campaign; report: CampaignReportFigures | null }

/** Every campaign action (create, update, test, schedule, unschedule, send, replicate): 202 when queued. */
export type AdminCampaignActionResponse = { campaign: Campaign; queued?: boolean; message?: string }

/** GET /admin/mailchimp/campaigns/:id/checklist */
export type AdminCampaignChecklistResponse = {
  checklist: { is_ready: boolean; items: { type: string; id: number; heading: string; details: string }[] }
}

/** GET /admin/mailchimp/customers/:id/email-activity */
export type EmailActivityView = {
  customer_id: string
  email: string | null
  totals: Record<string, number>
  campaigns: number
  activity: {
    campaign_id: string
    local_campaign_id: string | null
    subject: string | null
    email: string
    action: string
    occurred_at: string
    url: string | null
  }[]
}
