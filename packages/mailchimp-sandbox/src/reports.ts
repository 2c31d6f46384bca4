/** Campaign reports, computed from the activity generated at send time (activity.ts): the figures add up. */
import { createHash } from "crypto"
import { errors } from "./problems"
import type { SandboxState } from "./state"
import type { ActivityEvent, CampaignData, CampaignOutcome } from "./types"

export interface CampaignFigures {
  emails_sent: number
  hard_bounces: number
  soft_bounces: number
  /** Emails sent less bounces: the base of the rates. */
  delivered: number
  opens_total: number
  unique_opens: number
  last_open?: string
  clicks_total: number
  /** Distinct (recipient, link) pairs. */
  unique_clicks: number
  /** Recipients who clicked at least once. */
  unique_subscriber_clicks: number
  last_click?: string
  unsubscribed: number
  abuse_reports: number
}

const latest = (a: string | undefined, b: string) => (!a || b > a ? b : a)

export function campaignFigures(outcome: CampaignOutcome): CampaignFigures {
  const f: CampaignFigures = {
    emails_sent: outcome.recipients.length,
    hard_bounces: 0,
    soft_bounces: 0,
    delivered: 0,
    opens_total: 0,
    unique_opens: 0,
    clicks_total: 0,
    unique_clicks: 0,
    unique_subscriber_clicks: 0,
    unsubscribed: outcome.unsubscribes.length,
    abuse_reports: outcome.abuse_reports.length,
  }
  for (const events of outcome.activity.values()) {
    const opens = events.filter((e) => e.action === "open")
    const clicks = events.filter((e) => e.action === "click")
    for (const e of events) {
      if (e.action === "bounce") e.type === "hard" ? (f.hard_bounces += 1) : (f.soft_bounces += 1)
      if (e.action === "open") f.last_open = latest(f.last_open, e.timestamp)
      if (e.action === "click") f.last_click = latest(f.last_click, e.timestamp)
    }
    f.opens_total += opens.length
    if (opens.length) f.unique_opens += 1
    f.clicks_total += clicks.length
    f.unique_clicks += new Set(clicks.map((c) => c.url)).size
    if (clicks.length) f.unique_subscriber_clicks += 1
  }
  f.delivered = f.emails_sent - f.hard_bounces - f.soft_bounces
  return f
}

const rate = (n: number, of: number) => (of > 0 ? n / of : 0)

/** Totals of the orders that name the campaign (`campaign_id`), across stores. */
function ecommerceOf(state: SandboxState, campaignId: string) {
  let orders = 0
  let revenue = 0
  let currency = ""
  for (const store of state.stores.values()) {
    for (const order of store.orders.values()) {
      if (order.fields.campaign_id !== campaignId) continue
      orders += 1
      revenue += Number(order.fields.order_total ?? 0)
      currency ||= String(order.fields.currency_code ?? store.fields.currency_code ?? "")
    }
  }
  const total = Math.round(revenue * 100) / 100
  return { total_orders: orders, total_spent: total, total_revenue: total, currency_code: currency }
}

/** The campaign's report; 404 until it is sent. */
export function requireSentOutcome(campaign: CampaignData | undefined): { campaign: CampaignData; outcome: CampaignOutcome } {
  if (!campaign || campaign.status !== "sent" || !campaign.outcome) throw errors.notFound()
  return { campaign, outcome: campaign.outcome }
}

/** One bucket an hour for the first 24 hours: sends, first opens, first clicks. */
function timeseries(campaign: CampaignData, outcome: CampaignOutcome): Array<Record<string, unknown>> {
  const start = Date.parse(campaign.send_time!)
  const hourStart = start - (start % 3_600_000)
  const buckets = Array.from({ length: 24 }, (_, i) => ({
    timestamp: new Date(hourStart + i * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
    emails_sent: i === 0 ? outcome.recipients.length : 0,
    unique_opens: 0,
    recipients_clicks: 0,
  }))
  const bucketOf = (e: ActivityEvent | undefined) => (e ? Math.floor((Date.parse(e.timestamp) - hourStart) / 3_600_000) : -1)
  for (const events of outcome.activity.values()) {
    const open = bucketOf(events.find((e) => e.action === "open"))
    const click = bucketOf(events.find((e) => e.action === "click"))
    if (open >= 0 && open < 24) buckets[open].unique_opens += 1
    if (click >= 0 && click < 24) buckets[click].recipients_clicks += 1
  }
  return buckets
}

/** GET /reports/{campaign_id} */
export function reportView(state: SandboxState, campaign: CampaignData): Record<string, unknown> {
  const { outcome } = requireSentOutcome(campaign)
  const f = campaignFigures(outcome)
  const list = campaign.list_id ? state.findList(campaign.list_id) : undefined
  const report: Record<string, unknown> = {
    id: campaign.id,
    campaign_title: String(campaign.settings.title ?? ""),
    type: campaign.type,
    list_id: campaign.list_id ?? "",
    list_is_active: !!list,
    list_name: list?.name ?? "",
    subject_line: String(campaign.settings.subject_line ?? ""),
    preview_text: String(campaign.settings.preview_text ?? ""),
    emails_sent: f.emails_sent,
    abuse_reports: f.abuse_reports,
    unsubscribed: f.unsubscribed,
    send_time: campaign.send_time,
    bounces: { hard_bounces: f.hard_bounces, soft_bounces: f.soft_bounces, syntax_errors: 0 },
    forwards: { forwards_count: 0, forwards_opens: 0 },
    opens: {
      opens_total: f.opens_total,
      unique_opens: f.unique_opens,
      open_rate: rate(f.unique_opens, f.delivered),
      ...(f.last_open ? { last_open: f.last_open } : {}),
    },
    clicks: {
      clicks_total: f.clicks_total,
      unique_clicks: f.unique_clicks,
      unique_subscriber_clicks: f.unique_subscriber_clicks,
      click_rate: rate(f.unique_subscriber_clicks, f.delivered),
      ...(f.last_click ? { last_click: f.last_click } : {}),
    },
    timeseries: timeseries(campaign, outcome),
    ecommerce: ecommerceOf(state, campaign.id),
    delivery_status: { enabled: false },
    _links: [],
  }
  return report
}

/** The campaign's `report_summary`. */
export function reportSummary(state: SandboxState, campaign: CampaignData): Record<string, unknown> {
  const f = campaignFigures(campaign.outcome!)
  const { currency_code: _c, ...ecommerce } = ecommerceOf(state, campaign.id)
  return {
    opens: f.opens_total,
    unique_opens: f.unique_opens,
    open_rate: rate(f.unique_opens, f.delivered),
    clicks: f.clicks_total,
    subscriber_clicks: f.unique_subscriber_clicks,
    click_rate: rate(f.unique_subscriber_clicks, f.delivered),
    ecommerce,
  }
}

/** Events after `since` (ISO 8601; every event when absent). */
export function activitySince(events: ActivityEvent[], since: number | undefined): ActivityEvent[] {
  return since === undefined ? events : events.filter((e) => Date.parse(e.timestamp) > since)
}

export function readSince(value: unknown): number | undefined {
  if (value === undefined || value === "") return undefined
  const t = Date.parse(String(value))
  if (Number.isNaN(t)) throw errors.invalidResource([{ field: "since", message: "Please provide a valid date-time (ISO 8601)." }])
  return t
}

/**
 * GET /reports/{campaign_id}/email-activity: every recipient with its opens, clicks and bounces. With `since`,
 * only recipients with activity after that time, and only that activity.
 */
export function emailActivity(campaign: CampaignData, since: number | undefined) {
  const { outcome } = requireSentOutcome(campaign)
  const out: Array<Record<string, unknown>> = []
  for (const r of outcome.recipients) {
    const events = activitySince(outcome.activity.get(r.id) ?? [], since)
    if (since !== undefined && !events.length) continue
    out.push(emailActivityView(campaign, r.id, r.email_address, r.list_id, events))
  }
  return out
}

export function emailActivityView(
  campaign: CampaignData,
  id: string,
  email: string,
  listId: string,
  events: ActivityEvent[]
): Record<string, unknown> {
  return {
    campaign_id: campaign.id,
    list_id: listId,
    list_is_active: true,
    email_id: id,
    email_address: email,
    activity: events.map((e) => ({ ...e })),
    _links: [],
  }
}

export function linkId(url: string): string {
  return createHash("sha1").update(url).digest("hex").slice(0, 10)
}

/** GET /reports/{campaign_id}/click-details: one entry per link of the content. */
export function clickDetails(campaign: CampaignData): Array<Record<string, unknown>> {
  const { outcome } = requireSentOutcome(campaign)
  const f = campaignFigures(outcome)
  return outcome.links.map((url) => {
    let total = 0
    let unique = 0
    let last: string | undefined
    for (const events of outcome.activity.values()) {
      const clicks = events.filter((e) => e.action === "click" && e.url === url)
      total += clicks.length
      if (clicks.length) unique += 1
      for (const c of clicks) last = latest(last, c.timestamp)
    }
    return {
      id: linkId(url),
      url,
      total_clicks: total,
      click_percentage: rate(total, f.clicks_total),
      unique_clicks: unique,
      unique_click_percentage: rate(unique, f.unique_clicks),
      ...(last ? { last_click: last } : {}),
      campaign_id: campaign.id,
      _links: [],
    }
  })
}
