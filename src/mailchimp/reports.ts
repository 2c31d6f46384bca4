import type { FieldsQuery, PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"

export type CampaignReport = {
  id: string
  campaign_title?: string
  type?: string
  list_id: string
  list_is_active?: boolean
  list_name?: string
  subject_line?: string
  preview_text?: string
  emails_sent: number
  abuse_reports?: number
  unsubscribed?: number
  send_time?: string
  bounces?: { hard_bounces?: number; soft_bounces?: number; syntax_errors?: number }
  forwards?: { forwards_count?: number; forwards_opens?: number }
  opens?: { opens_total?: number; unique_opens?: number; open_rate?: number; last_open?: string }
  clicks?: {
    clicks_total?: number
    unique_clicks?: number
    unique_subscriber_clicks?: number
    click_rate?: number
    last_click?: string
  }
  list_stats?: { sub_rate?: number; unsub_rate?: number; open_rate?: number; click_rate?: number }
  timeseries?: { timestamp: string; emails_sent: number; unique_opens: number; recipients_clicks?: number }[]
  ecommerce?: { total_orders?: number; total_spent?: number; total_revenue?: number; currency_code?: string }
  delivery_status?: {
    enabled?: boolean
    can_cancel?: boolean
    status?: "delivering" | "delivered" | "canceling" | "canceled"
    emails_sent?: number
    emails_canceled?: number
  }
}

export type EmailActivityEvent = {
  /** open, click or bounce. */
  action: string
  /** For bounces: hard or soft. */
  type?: string
  timestamp: string
  /** For clicks. */
  url?: string
  ip?: string
}

export type EmailActivity = {
  campaign_id: string
  list_id: string
  list_is_active?: boolean
  email_id: string
  email_address: string
  activity: EmailActivityEvent[]
}

export type EmailActivityPage = { emails: EmailActivity[]; campaign_id: string; total_items: number }

/** `since` (ISO 8601) limits the activity to events after that time. */
export type EmailActivityQuery = PageQuery & { since?: string }

export type ClickedUrl = {
  id: string
  url: string
  total_clicks: number
  click_percentage?: number
  unique_clicks: number
  unique_click_percentage?: number
  last_click?: string
  campaign_id: string
}

export type ClickDetailsPage = { urls_clicked: ClickedUrl[]; campaign_id: string; total_items: number }

export type ClickMember = {
  email_id: string
  email_address: string
  merge_fields?: Record<string, unknown>
  vip?: boolean
  clicks: number
  campaign_id: string
  url_id: string
  list_id: string
  list_is_active?: boolean
  contact_status?: string
}

export type ClickMembersPage = { members: ClickMember[]; campaign_id: string; total_items: number }

export class ReportsApi {
  constructor(private readonly http: Requester) {}

  get(campaignId: string, query?: FieldsQuery): Promise<CampaignReport> {
    return this.http.request("GET", apiPath`/reports/${campaignId}`, { query })
  }

  emailActivity(campaignId: string, query?: EmailActivityQuery): Promise<EmailActivityPage> {
    return this.http.request("GET", apiPath`/reports/${campaignId}/email-activity`, { query })
  }

  clickDetails(campaignId: string, query?: PageQuery): Promise<ClickDetailsPage> {
    return this.http.request("GET", apiPath`/reports/${campaignId}/click-details`, { query })
  }

  clickDetailMembers(campaignId: string, linkId: string, query?: PageQuery): Promise<ClickMembersPage> {
    return this.http.request("GET", apiPath`/reports/${campaignId}/click-details/${linkId}/members`, { query })
  }
}
