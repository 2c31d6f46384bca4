import type { SegmentCondition } from "./segments"

export type CampaignType = "regular" | "plaintext" | "absplit" | "rss" | "variate"

export type CampaignStatus = "save" | "paused" | "schedule" | "sending" | "sent" | "canceled" | "canceling" | "archived"

export type CampaignSegmentOpts = {
  saved_segment_id?: number
  prebuilt_segment_id?: string
  match?: "any" | "all"
  conditions?: SegmentCondition[]
}

export type CampaignRecipients = {
  list_id: string
  list_is_active?: boolean
  list_name?: string
  segment_text?: string
  recipient_count?: number
  segment_opts?: CampaignSegmentOpts
}

export type CampaignSettings = {
  subject_line?: string
  preview_text?: string
  title?: string
  from_name?: string
  reply_to?: string
  use_conversation?: boolean
  to_name?: string
  folder_id?: string
  authenticate?: boolean
  auto_footer?: boolean
  inline_css?: boolean
  auto_tweet?: boolean
  auto_fb_post?: string[]
  fb_comments?: boolean
  timewarp?: boolean
  template_id?: number
  drag_and_drop?: boolean
}

export type CampaignTracking = {
  opens?: boolean
  html_clicks?: boolean
  text_clicks?: boolean
  goal_tracking?: boolean
  ecomm360?: boolean
  google_analytics?: string
  clicktale?: string
  salesforce?: { campaign?: boolean; notes?: boolean }
  capsule?: { notes?: boolean }
}

export type CampaignSocialCard = { image_url?: string; description?: string; title?: string }

export type CampaignReportSummary = {
  opens?: number
  unique_opens?: number
  open_rate?: number
  clicks?: number
  subscriber_clicks?: number
  click_rate?: number
  ecommerce?: { total_orders?: number; total_spent?: number; total_revenue?: number }
}

/** Variate, RSS and A/B split settings are left untyped: the plugin sends regular campaigns. */
export type Campaign = {
  id: string
  web_id: number
  parent_campaign_id?: string
  type: CampaignType
  create_time: string
  archive_url?: string
  long_archive_url?: string
  status: CampaignStatus
  emails_sent: number
  send_time?: string
  content_type?: string
  needs_block_refresh?: boolean
  resendable?: boolean
  recipients?: CampaignRecipients
  settings?: CampaignSettings
  variate_settings?: Record<string, unknown>
  tracking?: CampaignTracking
  rss_opts?: Record<string, unknown>
  ab_split_opts?: Record<string, unknown>
  social_card?: CampaignSocialCard
  report_summary?: CampaignReportSummary
  delivery_status?: {
    enabled?: boolean
    can_cancel?: boolean
    status?: "delivering" | "delivered" | "canceling" | "canceled"
    emails_sent?: number
    emails_canceled?: number
  }
}

export type CampaignsPage = { campaigns: Campaign[]; total_items: number }

type CampaignSettingsInput = Omit<CampaignSettings, "timewarp" | "drag_and_drop">

export type CampaignCreateBody = {
  type: CampaignType
  recipients?: { list_id: string; segment_opts?: Omit<CampaignSegmentOpts, "prebuilt_segment_id"> }
  settings?: CampaignSettingsInput
  variate_settings?: Record<string, unknown>
  tracking?: CampaignTracking
  rss_opts?: Record<string, unknown>
  social_card?: CampaignSocialCard
  content_type?: "template" | "multichannel"
}

/** The API requires `settings` with subject_line, from_name and reply_to on every PATCH. */
export type CampaignUpdateBody = {
  settings: CampaignSettingsInput & { subject_line: string; from_name: string; reply_to: string }
  recipients?: CampaignCreateBody["recipients"]
  variate_settings?: Record<string, unknown>
  tracking?: CampaignTracking
  rss_opts?: Record<string, unknown>
  social_card?: CampaignSocialCard
}

export type CampaignContent = {
  variate_contents?: { content_label?: string; plain_text?: string; html?: string }[]
  plain_text?: string
  html?: string
  archive_html?: string
}

export type CampaignTemplateContent = { id: number; sections?: Record<string, string> }

export type CampaignArchiveContent = {
  archive_content: string
  archive_type?: "zip" | "tar.gz" | "tar.bz2" | "tar" | "tgz" | "tbz"
}

/** Give exactly one of html, url, template or archive (plain_text may accompany html). */
export type CampaignContentBody = {
  plain_text?: string
  html?: string
  url?: string
  template?: CampaignTemplateContent
  archive?: CampaignArchiveContent
  variate_contents?: ({ content_label: string } & Omit<CampaignContentBody, "variate_contents">)[]
}

export type CampaignTestBody = { test_emails: string[]; send_type: "html" | "plaintext" }

export type CampaignScheduleBody = {
  /** UTC ISO 8601, on a quarter hour (:00, :15, :30, :45). */
  schedule_time: string
  timewarp?: boolean
  batch_delivery?: { batch_delay: number; batch_count: number }
}

export type SendChecklist = {
  is_ready: boolean
  items: { type: "success" | "warning" | "error"; id: number; heading: string; details: string }[]
}
