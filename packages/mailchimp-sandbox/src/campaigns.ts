/**
 * Campaigns made through the API: regular and plaintext ones, sent to an audience or to one of its static
 * segments. Sending is in campaign-send.ts; what recipients did is in activity.ts and reports.ts.
 */
import { nextWebId } from "./audience"
import { readFields, type FieldSpec } from "./field-spec"
import { isValidEmail, randomHex } from "./hash"
import { ApiError, errors } from "./problems"
import { reportSummary } from "./reports"
import type { SandboxState } from "./state"
import { memberKeys } from "./member-summary"
import { apiTime } from "./time"
import type { CampaignData, CampaignRecipient, ListRecord } from "./types"

type Body = Record<string, unknown>

const SETTINGS_FIELDS: FieldSpec = {
  subject_line: "string",
  preview_text: "string",
  title: "string",
  from_name: "string",
  reply_to: "string",
  use_conversation: "boolean",
  to_name: "string",
  folder_id: "string",
  authenticate: "boolean",
  auto_footer: "boolean",
  inline_css: "boolean",
  auto_tweet: "boolean",
  auto_fb_post: "string[]",
  fb_comments: "boolean",
  template_id: "integer",
}

const SETTINGS_DEFAULTS = {
  subject_line: "",
  preview_text: "",
  title: "",
  from_name: "",
  reply_to: "",
  use_conversation: false,
  to_name: "",
  folder_id: "",
  authenticate: true,
  auto_footer: false,
  inline_css: false,
  auto_tweet: false,
  auto_fb_post: [] as string[],
  fb_comments: true,
  timewarp: false,
  template_id: 0,
  drag_and_drop: false,
}

const TRACKING_FIELDS: FieldSpec = {
  opens: "boolean",
  html_clicks: "boolean",
  text_clicks: "boolean",
  goal_tracking: "boolean",
  ecomm360: "boolean",
  google_analytics: "string",
  clicktale: "string",
}

const TRACKING_DEFAULTS = {
  opens: true,
  html_clicks: true,
  text_clicks: false,
  goal_tracking: false,
  ecomm360: true,
  google_analytics: "",
  clicktale: "",
}

export function requireCampaign(state: SandboxState, id: string): CampaignData {
  const campaign = state.campaignsById.get(id)
  if (!campaign) throw errors.notFound()
  return campaign
}

function readSettings(body: Body): Body {
  if (body.settings === undefined) return {}
  if (!body.settings || typeof body.settings !== "object" || Array.isArray(body.settings)) {
    throw errors.invalidResource([{ field: "settings", message: "Schema describes object" }])
  }
  const settings = readFields(body.settings as Body, SETTINGS_FIELDS, "settings")
  if (typeof settings.reply_to === "string" && settings.reply_to && !isValidEmail(settings.reply_to)) {
    throw errors.invalidResource([{ field: "settings.reply_to", message: "This value should be a valid email." }])
  }
  return settings
}

function readTracking(body: Body): Body {
  if (body.tracking === undefined) return {}
  if (!body.tracking || typeof body.tracking !== "object" || Array.isArray(body.tracking)) {
    throw errors.invalidResource([{ field: "tracking", message: "Schema describes object" }])
  }
  return readFields(body.tracking as Body, TRACKING_FIELDS, "tracking")
}

/** `recipients`: the audience must exist, and a saved_segment_id must be one of its segments. */
function readRecipients(state: SandboxState, body: Body): { list_id: string; saved_segment_id?: number } | undefined {
  if (body.recipients === undefined) return undefined
  const r = body.recipients as Body
  if (!r || typeof r !== "object" || Array.isArray(r)) {
    throw errors.invalidResource([{ field: "recipients", message: "Schema describes object" }])
  }
  if (typeof r.list_id !== "string" || !r.list_id) {
    throw errors.invalidResource([{ field: "recipients", message: "Required fields were not provided: recipients.list_id" }])
  }
  const list = state.findList(r.list_id)
  if (!list) {
    throw errors.invalidResource([{ field: "recipients.list_id", message: `The audience ${r.list_id} does not exist.` }])
  }
  const opts = r.segment_opts as Body | undefined
  if (opts === undefined || opts === null) return { list_id: list.id }
  if (typeof opts !== "object" || Array.isArray(opts)) {
    throw errors.invalidResource([{ field: "recipients.segment_opts", message: "Schema describes object" }])
  }
  if (opts.conditions !== undefined || opts.prebuilt_segment_id !== undefined) {
    throw new ApiError(
      400,
      "Invalid Resource",
      "The Mailchimp sandbox sends to an audience or to a static segment (saved_segment_id); segment conditions are not supported.",
      [{ field: "recipients.segment_opts", message: "Use saved_segment_id." }]
    )
  }
  if (opts.saved_segment_id === undefined) return { list_id: list.id }
  const id = opts.saved_segment_id
  if (typeof id !== "number" || !Number.isInteger(id) || !list.segments.has(id)) {
    throw errors.invalidResource([
      { field: "recipients.segment_opts.saved_segment_id", message: `The audience ${list.id} has no segment ${String(id)}.` },
    ])
  }
  return { list_id: list.id, saved_segment_id: id }
}

/** POST /campaigns */
export function createCampaign(state: SandboxState, body: Body): CampaignData {
  if (body.type === undefined) throw errors.invalidResource([{ field: "", message: "Required fields were not provided: type" }])
  if (body.type !== "regular" && body.type !== "plaintext") {
    throw new ApiError(
      400,
      "Invalid Resource",
      `The Mailchimp sandbox makes regular and plaintext campaigns; "${String(body.type)}" is not supported.`,
      [{ field: "type", message: "Use regular or plaintext." }]
    )
  }
  const recipients = readRecipients(state, body)
  const settings = readSettings(body)
  const tracking = readTracking(body)
  state.counters.campaigns += 1
  const campaign: CampaignData = {
    id: randomHex(10),
    web_id: nextWebId(),
    ordinal: state.counters.campaigns,
    type: body.type,
    status: "save",
    create_time: apiTime(state.now()),
    list_id: recipients?.list_id,
    saved_segment_id: recipients?.saved_segment_id,
    settings,
    tracking,
    schedule_token: 0,
    tests: [],
  }
  state.campaignsById.set(campaign.id, campaign)
  return campaign
}

/** Changes are for campaigns not sent nor scheduled (Mailchimp asks to unschedule first). */
export function assertEditable(campaign: CampaignData): void {
  if (campaign.status === "sent" || campaign.status === "sending") {
    throw new ApiError(400, "Bad Request", "This campaign has been sent and can no longer be changed.")
  }
  if (campaign.status === "schedule") {
    throw new ApiError(400, "Bad Request", "This campaign is scheduled: unschedule it before changing it.")
  }
}

/** PATCH /campaigns/{campaign_id} */
export function updateCampaign(state: SandboxState, campaign: CampaignData, body: Body): CampaignData {
  assertEditable(campaign)
  const recipients = readRecipients(state, body)
  const settings = readSettings(body)
  const tracking = readTracking(body)
  if (recipients) {
    campaign.list_id = recipients.list_id
    campaign.saved_segment_id = recipients.saved_segment_id
  }
  Object.assign(campaign.settings, settings)
  Object.assign(campaign.tracking, tracking)
  return campaign
}

/** POST …/actions/replicate: a new draft with the same settings, recipients and content. */
export function replicateCampaign(state: SandboxState, source: CampaignData): CampaignData {
  state.counters.campaigns += 1
  const title = String(source.settings.title ?? "")
  const copy: CampaignData = {
    id: randomHex(10),
    web_id: nextWebId(),
    ordinal: state.counters.campaigns,
    type: source.type,
    status: "save",
    create_time: apiTime(state.now()),
    list_id: source.list_id,
    saved_segment_id: source.saved_segment_id,
    settings: { ...structuredClone(source.settings), title: title ? `${title} (copy)` : "" },
    tracking: structuredClone(source.tracking),
    content: source.content ? structuredClone(source.content) : undefined,
    parent_campaign_id: source.id,
    schedule_token: 0,
    tests: [],
  }
  state.campaignsById.set(copy.id, copy)
  return copy
}

/** Who the campaign would go to now: the subscribed members of its audience, or of its static segment. */
export function currentRecipients(state: SandboxState, campaign: CampaignData): CampaignRecipient[] {
  const list = campaign.list_id ? state.findList(campaign.list_id) : undefined
  if (!list) return []
  const segmentId = campaign.saved_segment_id
  if (segmentId !== undefined && !list.segments.has(segmentId)) return []
  return memberKeys(list.members, (s) => s.status === "subscribed" && (segmentId === undefined || s.tagIds.has(segmentId)))
    .map((key) => list.members.peek(key)!)
    .map((m) => ({ email_address: m.email_address, id: m.id, list_id: list.id }))
}

function segmentText(list: ListRecord | undefined, campaign: CampaignData): string {
  if (!list || campaign.saved_segment_id === undefined) return ""
  const segment = list.segments.get(campaign.saved_segment_id)
  return segment ? `Contacts tagged "${segment.name}"` : ""
}

export function campaignView(state: SandboxState, campaign: CampaignData): Record<string, unknown> {
  const list = campaign.list_id ? state.findList(campaign.list_id) : undefined
  const recipientCount = campaign.outcome ? campaign.outcome.recipients.length : currentRecipients(state, campaign).length
  const view: Record<string, unknown> = {
    id: campaign.id,
    web_id: campaign.web_id,
    type: campaign.type,
    create_time: campaign.create_time,
    archive_url: `http://eepurl.com/sandbox${campaign.web_id}`,
    long_archive_url: `https://us1.campaign-archive.com/?u=sandbox&id=${campaign.id}`,
    status: campaign.status,
    emails_sent: campaign.status === "sent" ? campaign.outcome?.recipients.length ?? 0 : 0,
    content_type: campaign.content?.template ? "template" : "html",
    needs_block_refresh: false,
    resendable: false,
    recipients: {
      list_id: campaign.list_id ?? "",
      list_is_active: !!list,
      list_name: list?.name ?? "",
      segment_text: segmentText(list, campaign),
      recipient_count: recipientCount,
      ...(campaign.saved_segment_id !== undefined ? { segment_opts: { saved_segment_id: campaign.saved_segment_id, match: "all" } } : {}),
    },
    settings: { ...structuredClone(SETTINGS_DEFAULTS), ...structuredClone(campaign.settings) },
    tracking: { ...TRACKING_DEFAULTS, ...campaign.tracking },
    delivery_status: { enabled: false },
    _links: [],
  }
  if (campaign.parent_campaign_id) view.parent_campaign_id = campaign.parent_campaign_id
  if (campaign.send_time) view.send_time = campaign.send_time
  else if (campaign.status === "schedule" && campaign.schedule_time) view.send_time = campaign.schedule_time
  if (campaign.status === "sent" && campaign.outcome) view.report_summary = reportSummary(state, campaign)
  return view
}

// ---------- content ----------

function textOf(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<a\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi, "$2 ($1)")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h[1-6]|li|tr)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
}

/** A template's sections, laid out as the template's editable regions. */
function renderTemplate(id: number, sections: Record<string, string>): string {
  const blocks = Object.entries(sections).map(([name, html]) => `<div mc:edit="${name}">${html}</div>`)
  return `<!-- sandbox template ${id} -->\n${blocks.join("\n")}`
}

/** PUT /campaigns/{campaign_id}/content: html, plain_text, or a template with sections. */
export function setContent(campaign: CampaignData, body: Body): CampaignData {
  assertEditable(campaign)
  const fields = readFields(body, { html: "string", plain_text: "string", url: "string" })
  if (fields.url !== undefined) {
    throw new ApiError(400, "Invalid Resource", "The Mailchimp sandbox does not fetch content from a URL; send html.", [
      { field: "url", message: "Not supported by the sandbox." },
    ])
  }
  let template: { id: number; sections: Record<string, string> } | undefined
  if (body.template !== undefined) {
    const t = body.template as Body
    if (!t || typeof t !== "object" || typeof t.id !== "number" || !Number.isInteger(t.id)) {
      throw errors.invalidResource([{ field: "template.id", message: "Required fields were not provided: template.id" }])
    }
    const sections: Record<string, string> = {}
    for (const [k, v] of Object.entries((t.sections as Body | undefined) ?? {})) sections[k] = String(v)
    template = { id: t.id, sections }
  }
  const html = template ? renderTemplate(template.id, template.sections) : (fields.html as string | undefined) ?? ""
  const plain = (fields.plain_text as string | undefined) ?? textOf(html)
  campaign.content = { html: campaign.type === "plaintext" ? "" : html, plain_text: plain, ...(template ? { template } : {}) }
  if (template) campaign.settings.template_id = template.id
  return campaign
}

export function contentView(campaign: CampaignData): Record<string, unknown> {
  const html = campaign.content?.html ?? ""
  return {
    plain_text: campaign.content?.plain_text ?? "",
    html,
    archive_html: html,
    _links: [],
  }
}

// ---------- send checklist ----------

export interface ChecklistItem {
  type: "success" | "warning" | "error"
  id: number
  heading: string
  details: string
}

/** What stands between the campaign and sending; `is_ready` when nothing is an error. */
export function sendChecklist(state: SandboxState, campaign: CampaignData): { is_ready: boolean; items: ChecklistItem[] } {
  const items: ChecklistItem[] = []
  const list = campaign.list_id ? state.findList(campaign.list_id) : undefined
  const add = (ok: boolean, id: number, heading: string, good: string, bad: string, level: "error" | "warning" = "error") =>
    items.push({ type: ok ? "success" : level, id, heading, details: ok ? good : bad })
  const count = currentRecipients(state, campaign).length
  add(!!list, 1, "Audience", `Sending to ${list?.name ?? ""}.`, "Choose an audience to send to.")
  if (list) {
    add(
      count > 0,
      2,
      "Recipients",
      `${count} subscribed recipient${count === 1 ? "" : "s"}.`,
      campaign.saved_segment_id !== undefined
        ? "The segment holds no subscribed contacts: the campaign has no recipients."
        : "The audience holds no subscribed contacts: the campaign has no recipients."
    )
  }
  add(!!campaign.settings.subject_line, 3, "Subject line", "The subject line is set.", "Add a subject line.")
  add(!!campaign.settings.from_name, 4, "From name", "The from name is set.", "Add a from name.")
  add(!!campaign.settings.reply_to, 5, "From email address", "The reply-to address is set.", "Add a reply-to email address.")
  const hasContent = !!(campaign.content && (campaign.content.html.trim() || campaign.content.plain_text.trim()))
  add(hasContent, 6, "Content", "The campaign has content.", "Design the email: the campaign has no content.")
  add(!!campaign.settings.preview_text, 7, "Preview text", "The preview text is set.", "No preview text: inboxes show the first line of the email.", "warning")
  return { is_ready: !items.some((i) => i.type === "error"), items }
}

/** 400 "Your Campaign is not ready to send." with the checklist's errors. */
export function assertReady(state: SandboxState, campaign: CampaignData): void {
  const checklist = sendChecklist(state, campaign)
  if (checklist.is_ready) return
  throw new ApiError(
    400,
    "Bad Request",
    "Your Campaign is not ready to send.",
    checklist.items.filter((i) => i.type === "error").map((i) => ({ field: i.heading, message: i.details }))
  )
}

/** POST …/actions/test: sent to the given addresses only; kept in the campaign's `tests`. */
export function sendTest(state: SandboxState, campaign: CampaignData, body: Body): void {
  if (!Array.isArray(body.test_emails) || !body.test_emails.length) {
    throw errors.invalidResource([{ field: "test_emails", message: "Required fields were not provided: test_emails" }])
  }
  const bad = body.test_emails.findIndex((e) => !isValidEmail(e))
  if (bad !== -1) {
    throw errors.invalidResource([{ field: `test_emails.${bad}`, message: "Please provide a valid email address." }])
  }
  if (body.send_type !== "html" && body.send_type !== "plaintext") {
    throw errors.invalidResource([{ field: "send_type", message: "Value is not one of enum values: html, plaintext" }])
  }
  const hasContent = !!(campaign.content && (campaign.content.html.trim() || campaign.content.plain_text.trim()))
  if (!hasContent || !campaign.settings.subject_line) {
    throw new ApiError(400, "Bad Request", "Your Campaign is not ready to send a test: it needs a subject line and content.")
  }
  campaign.tests.push({ emails: [...(body.test_emails as string[])], send_type: body.send_type, sent_at: apiTime(state.now()) })
}
