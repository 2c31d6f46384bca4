import type { CompactMap } from "./compact-map"
export interface SandboxOptions {
  /** The key clients must present (HTTP Basic password or Bearer token). Default SANDBOX_API_KEY. */
  apiKey?: string
  /**
   * Path to Mailchimp's API description (the validator copy). Default process.env.MAILCHIMP_OPENAPI.
   * When set, the sandbox runs in strict mode: requests and responses under /3.0 are validated.
   */
  openapiPath?: string
  /** Simultaneous /3.0 requests allowed before 429 Too Many Requests. Default 10, as Mailchimp. */
  maxConcurrent?: number
  /** `double_optin` of the default audience. Default false. */
  doubleOptIn?: boolean
  /**
   * Waits before each retry of a webhook delivery that did not get a 2xx, in Mailchimp's time. Default 5, 20 and
   * 50 minutes: retries over 75 minutes, as Mailchimp.
   */
  webhookRetryDelaysMs?: number[]
  /** Real milliseconds per Mailchimp millisecond for the retries' waits (0.001: 75 minutes pass in 4.5 s). Default 1. */
  webhookClockScale?: number
  /** How long a webhook URL has to answer (verification GET and deliveries). Default 10 000 ms. */
  webhookTimeoutMs?: number
  /** Seeds the activity generated when a campaign is sent: the same seed gives the same figures. Default "sandbox". */
  activitySeed?: string | number
  /** Chances of each kind of campaign activity (see ActivityRates); merged over the defaults. */
  activityRates?: Partial<ActivityRates>
  /** Batches that may wait unfinished before POST /batches answers 429. Default 500, as Mailchimp. */
  maxPendingBatches?: number
  /** How long a batch stays `pending` before it starts (once it is taken). Default 50 ms. */
  batchStartDelayMs?: number
  /** Batches run at once, oldest pending first (Mailchimp runs several). Default 5. */
  batchConcurrency?: number
  /** Operations of one batch run at once (operations on the same path still run one after another). Default 10. */
  batchOperationConcurrency?: number
  /** How long a campaign stays `sending` before it is `sent`. Default 100 ms. */
  campaignSendDelayMs?: number
}

export interface StartSandboxOptions extends SandboxOptions {
  /** Default 0 (any free port). */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
}

export type MemberStatus = "subscribed" | "unsubscribed" | "cleaned" | "pending" | "transactional" | "archived"
export type WritableStatus = Exclude<MemberStatus, "archived">

export type MergeFieldType =
  | "text"
  | "number"
  | "address"
  | "phone"
  | "date"
  | "url"
  | "imageurl"
  | "radio"
  | "dropdown"
  | "birthday"
  | "zip"

export interface MergeFieldOptions {
  default_country?: number
  phone_format?: string
  date_format?: string
  choices?: string[]
  size?: number
}

export interface MergeFieldRecord {
  merge_id: number
  tag: string
  name: string
  type: MergeFieldType
  required: boolean
  default_value: string
  public: boolean
  display_order: number
  options: MergeFieldOptions
  help_text: string
}

export interface MemberTag {
  id: number
  name: string
  date_added: string
}

export interface MemberRecord {
  /** The subscriber hash: md5 of the lower-cased email. */
  id: string
  email_address: string
  unique_email_id: string
  web_id: number
  email_type: string
  status: MemberStatus
  /** The status the member had when archived: the compliance state survives archiving. */
  status_before_archive?: MemberStatus
  unsubscribe_reason?: string
  merge_fields: Record<string, unknown>
  interests: Record<string, boolean>
  language: string
  vip: boolean
  location: { latitude: number; longitude: number }
  /** Granted permissions by id; the view shows every permission of the audience, with its text. */
  marketing_permissions: Record<string, boolean>
  ip_signup: string
  timestamp_signup?: string
  ip_opt: string
  timestamp_opt?: string
  last_changed: string
  source: string
  tags: MemberTag[]
  /** Added by the e-commerce endpoints (a customer or an order): its customer's opt_in_status may still apply. */
  added_by_ecommerce?: boolean
  /** Events added through `POST …/members/{hash}/events`, oldest first (see member-events.ts). */
  events?: MemberEventRecord[]
}

export interface MemberEventRecord {
  name: string
  properties: Record<string, string>
  occurred_at: string
  is_syncing: boolean
}

export interface WebhookEvents {
  subscribe: boolean
  unsubscribe: boolean
  profile: boolean
  cleaned: boolean
  upemail: boolean
  campaign: boolean
}

export interface WebhookSources {
  user: boolean
  admin: boolean
  api: boolean
}

export type WebhookEventType = keyof WebhookEvents
export type WebhookSource = keyof WebhookSources

export interface WebhookRecord {
  id: string
  list_id: string
  url: string
  events: WebhookEvents
  sources: WebhookSources
  /** Set when the receiver answered 410 Gone: no more deliveries. */
  disabled: boolean
  created_at: string
}

/** An interest ("group name" in Mailchimp's app) of an interest category. */
export interface InterestRecord {
  id: string
  name: string
  display_order: number
}

/** An interest category ("group title"): its interests are what members' `interests` map names by id. */
export interface InterestCategoryRecord {
  id: string
  title: string
  type: "checkboxes" | "dropdown" | "radio" | "hidden"
  display_order: number
  interests: InterestRecord[]
}

/** A GDPR marketing permission of an audience: made in Mailchimp's app only; the API shows it on members. */
export interface MarketingPermissionRecord {
  marketing_permission_id: string
  text: string
}

export interface ListContact {
  company: string
  address1: string
  address2: string
  city: string
  state: string
  zip: string
  country: string
  phone: string
}

export interface ListRecord {
  id: string
  web_id: number
  name: string
  contact: ListContact
  permission_reminder: string
  campaign_defaults: { from_name: string; from_email: string; subject: string; language: string }
  email_type_option: boolean
  visibility: "pub" | "prv"
  double_optin: boolean
  date_created: string
  merge_fields: MergeFieldRecord[]
  next_merge_id: number
  /** Keyed by subscriber hash. */
  members: CompactMap<MemberRecord>
  webhooks: WebhookRecord[]
  /** Hashes of permanently deleted addresses: the API may not add them again. */
  forgotten: Set<string>
  /** Tag name (lower-cased) → tag id. */
  tag_ids: Map<string, number>
  last_sub_date?: string
  last_unsub_date?: string
  /** Static segments, by id (the tag's id). */
  segments: Map<number, SegmentRecord>
  next_tag_id: number
  interest_categories: InterestCategoryRecord[]
  /** The audience's GDPR fields; none: `marketing_permissions: false` on the audience. */
  marketing_permissions: MarketingPermissionRecord[]
}

export interface DeliveryRecord {
  /** One id per event and webhook; the attempts of a delivery share it. */
  delivery_id: string
  webhook_id: string
  list_id: string
  url: string
  type: WebhookEventType
  source: WebhookSource
  attempt: number
  /** HTTP status the receiver answered, null when it did not answer. */
  status: number | null
  ok: boolean
  error?: string
  /** Mailchimp's time since the first attempt of this delivery (the retries' schedule, before scaling). */
  after_ms: number
  body: string
  timestamp: string
  duration_ms: number
}

export interface RequestLogEntry {
  method: string
  path: string
  query: Record<string, unknown>
  body: unknown
  status: number
  timestamp: string
  duration_ms: number
  /** Set on the operations a batch ran. */
  batch_id?: string
}

export interface FaultSettings {
  /** Added to every /3.0 request. */
  latency_ms: number
  /** Share (0..1) of /3.0 requests answered with error_status. */
  error_rate: number
  error_status: number
  /** The next N requests answer 429. */
  burst_429: number
  /** The next N requests answer 500. */
  burst_500: number
  /** The next N requests answer 403 with an empty body. */
  bodyless_403: number
  /** The next N member writes that subscribe someone are refused by Mailchimp's anti-abuse check (400). */
  anti_abuse: number
}

export interface CampaignRecord {
  id: string
  list_id: string
  subject: string
  status: string
  reason: string
  finished_at: string
}

export interface ResponseViolation {
  method: string
  path: string
  status: number
  message: string
  errors: unknown
  timestamp: string
}

/** A static segment: in Mailchimp a static segment and a tag are one thing, so members hold it as a tag. */
export interface SegmentRecord {
  /** The tag's id. */
  id: number
  name: string
  created_at: string
  updated_at: string
}

export interface BatchOperationInput {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  path: string
  params?: Record<string, unknown>
  /** The JSON body, as a string. */
  body?: string
  operation_id?: string
}

export interface BatchOperationResult {
  status_code: number
  operation_id: string | null
  /** The operation's answer body, as a JSON string ("" when it had none). */
  response: string
}

export interface BatchRecord {
  id: string
  status: "pending" | "started" | "finished"
  /** The operations until the batch is finished; then they are in `state.batchFiles` (batch-files.ts), and this is empty. */
  operations: BatchOperationInput[]
  total_operations: number
  finished_operations: number
  errored_operations: number
  submitted_at: string
  completed_at?: string
  /** The gzipped tar of the results is in `state.batchFiles` (once finished). */
  archived: boolean
  /** Every operation's result in the order given, read back from the archive (empty until finished; not enumerable). */
  readonly results: BatchOperationResult[]
  /** Deleted while pending or running: stop. */
  cancelled: boolean
}

/** Chances per recipient of what the generated campaign activity holds. */
export interface ActivityRates {
  hard_bounce: number
  soft_bounce: number
  /** Of the delivered. */
  open: number
  /** Of the openers: opens more than once. */
  reopen: number
  /** Of the openers, when the content has links. */
  click: number
  /** Of the delivered. */
  unsubscribe: number
  /** Of the delivered who did not unsubscribe. */
  abuse: number
}

export interface ActivityEvent {
  action: "open" | "click" | "bounce"
  timestamp: string
  url?: string
  type?: "hard" | "soft"
  ip?: string
}

export interface CampaignRecipient {
  email_address: string
  /** Subscriber hash. */
  id: string
  list_id: string
}

/** What happened when a campaign was sent: generated from the seed, fixed from then on. */
export interface CampaignOutcome {
  recipients: CampaignRecipient[]
  /** By subscriber hash, in time order. */
  activity: Map<string, ActivityEvent[]>
  /** Subscriber hashes that unsubscribed through the campaign, with the time. */
  unsubscribes: Array<{ id: string; timestamp: string }>
  abuse_reports: Array<{ id: string; timestamp: string }>
  links: string[]
}

export interface CampaignContent {
  html: string
  plain_text: string
  template?: { id: number; sections: Record<string, string> }
}

export interface CampaignData {
  id: string
  web_id: number
  /** Counts the campaigns of this sandbox: seeds the activity together with `activitySeed`. */
  ordinal: number
  type: "regular" | "plaintext"
  status: "save" | "schedule" | "sending" | "sent"
  create_time: string
  list_id?: string
  saved_segment_id?: number
  settings: Record<string, unknown>
  tracking: Record<string, unknown>
  content?: CampaignContent
  parent_campaign_id?: string
  schedule_time?: string
  /** Changes on every schedule and unschedule, so that an old timer does nothing. */
  schedule_token: number
  send_time?: string
  tests: Array<{ emails: string[]; send_type: string; sent_at: string }>
  outcome?: CampaignOutcome
}
