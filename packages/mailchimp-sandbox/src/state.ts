import type { ConnectedSiteRecord } from "./connected-sites"
import { createAudience, listStats } from "./audience"
import { BatchFiles } from "./batch-files"
import { DEFAULT_ACTIVITY_RATES } from "./activity"
import {
  DEFAULT_ACTIVITY_SEED,
  DEFAULT_BATCH_START_DELAY_MS,
  DEFAULT_CAMPAIGN_SEND_DELAY_MS,
  DEFAULT_MAX_CONCURRENT,
  DEFAULT_MAX_PENDING_BATCHES,
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  MAX_LOG_ENTRIES,
  SANDBOX_API_KEY,
  SANDBOX_AUDIENCE_ID,
  SANDBOX_AUDIENCE_NAME,
  WEBHOOK_TIMEOUT_MS,
} from "./constants"
import type { StoreRecord } from "./ecommerce-types"
import { randomHex } from "./hash"
import { errors } from "./problems"
import type {
  ActivityRates,
  BatchRecord,
  CampaignData,
  CampaignRecord,
  DeliveryRecord,
  FaultSettings,
  ListRecord,
  RequestLogEntry,
  ResponseViolation,
  SandboxOptions,
} from "./types"

/** Batches run at once by default, and operations at once within each (see batches.ts). */
export const DEFAULT_BATCH_CONCURRENCY = 5
export const DEFAULT_BATCH_OPERATION_CONCURRENCY = 10

export function noFaults(): FaultSettings {
  return { latency_ms: 0, error_rate: 0, error_status: 500, burst_429: 0, burst_500: 0, bodyless_403: 0, anti_abuse: 0 }
}

/** Everything the sandbox knows, in memory. One per app; `reset()` brings it back to its first state. */
export class SandboxState {
  readonly apiKey: string
  readonly maxConcurrent: number
  readonly webhookRetryDelaysMs: number[]
  readonly webhookClockScale: number
  readonly webhookTimeoutMs: number
  /** Path of Mailchimp's API description when in strict mode. */
  readonly openapiPath: string | undefined
  readonly activitySeed: string
  readonly activityRates: ActivityRates
  readonly maxPendingBatches: number
  readonly batchStartDelayMs: number
  readonly batchConcurrency: number
  readonly batchOperationConcurrency: number
  readonly campaignSendDelayMs: number
  /** Marks the requests the sandbox makes to itself to run batch operations (see batches.ts). */
  readonly batchToken = randomHex(24)
  private readonly defaultDoubleOptIn: boolean

  lists = new Map<string, ListRecord>()
  deliveries: DeliveryRecord[] = []
  requests: RequestLogEntry[] = []
  /** Campaigns finished (the `campaign` webhook sent), through /_sandbox/campaigns/{id}/finish or a send. */
  campaigns: CampaignRecord[] = []
  /** Campaigns made through the API (/3.0/campaigns). */
  campaignsById = new Map<string, CampaignData>()
  stores = new Map<string, StoreRecord>()
  /** Connected sites by foreign id (connected-sites.ts). */
  connectedSites = new Map<string, ConnectedSiteRecord>()
  /** The origin the last API request came to: script URLs are absolute, under it. */
  origin = "http://127.0.0.1"
  batches = new Map<string, BatchRecord>()
  /** Finished batches' results archives and operations, on disk. */
  readonly batchFiles = new BatchFiles()
  /** A paused sandbox leaves batches pending (the running ones finish). */
  batchesPaused = false
  /** Added to the real time for campaign schedules, sends and activity (POST /_sandbox/clock). */
  clockOffsetMs = 0
  /** Seeds ids of things made in order (campaign ordinals, batch order), so that runs repeat. */
  counters = { campaigns: 0, batches: 0, segments: 0 }
  /** Answers of the sandbox itself that broke Mailchimp's API description (strict mode). Should stay empty. */
  responseViolations: ResponseViolation[] = []
  faults: FaultSettings = noFaults()
  /** /3.0 requests being answered right now. */
  inFlight = 0
  /** Grows on every reset: work begun before a reset (webhook retries) is dropped. */
  generation = 0

  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly pending = new Set<Promise<unknown>>()

  constructor(options: SandboxOptions = {}) {
    this.apiKey = options.apiKey ?? SANDBOX_API_KEY
    this.maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT
    this.webhookRetryDelaysMs = options.webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS
    this.webhookClockScale = options.webhookClockScale ?? 1
    this.webhookTimeoutMs = options.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS
    this.openapiPath = options.openapiPath ?? (process.env.MAILCHIMP_OPENAPI || undefined)
    this.defaultDoubleOptIn = options.doubleOptIn ?? false
    this.activitySeed = String(options.activitySeed ?? DEFAULT_ACTIVITY_SEED)
    this.activityRates = { ...DEFAULT_ACTIVITY_RATES, ...options.activityRates }
    this.maxPendingBatches = options.maxPendingBatches ?? DEFAULT_MAX_PENDING_BATCHES
    this.batchStartDelayMs = options.batchStartDelayMs ?? DEFAULT_BATCH_START_DELAY_MS
    this.batchConcurrency = Math.max(1, Math.floor(options.batchConcurrency ?? DEFAULT_BATCH_CONCURRENCY))
    this.batchOperationConcurrency = Math.max(1, Math.floor(options.batchOperationConcurrency ?? DEFAULT_BATCH_OPERATION_CONCURRENCY))
    this.campaignSendDelayMs = options.campaignSendDelayMs ?? DEFAULT_CAMPAIGN_SEND_DELAY_MS
    this.seed()
  }

  get strict(): boolean {
    return !!this.openapiPath
  }

  private seed(): void {
    const list = createAudience({
      id: SANDBOX_AUDIENCE_ID,
      name: SANDBOX_AUDIENCE_NAME,
      double_optin: this.defaultDoubleOptIn,
    })
    this.lists.set(list.id, list)
  }

  /** Back to a fresh sandbox: the default audience only, no faults, empty logs, no pending retries. */
  reset(): void {
    this.cancelTimers()
    this.generation += 1
    this.lists = new Map()
    this.deliveries = []
    this.requests = []
    this.campaigns = []
    this.campaignsById = new Map()
    this.stores = new Map()
    this.connectedSites = new Map()
    this.batches = new Map()
    this.batchFiles.clear()
    this.batchesPaused = false
    this.clockOffsetMs = 0
    this.counters = { campaigns: 0, batches: 0, segments: 0 }
    this.responseViolations = []
    this.faults = noFaults()
    this.seed()
  }

  /** The sandbox's time: the real time moved on by POST /_sandbox/clock. */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs)
  }

  get defaultList(): ListRecord {
    return this.getList(SANDBOX_AUDIENCE_ID)
  }

  findList(id: string): ListRecord | undefined {
    return this.lists.get(id)
  }

  /** The audience, or 404 Resource Not Found. */
  getList(id: string): ListRecord {
    const list = this.lists.get(id)
    if (!list) throw errors.notFound()
    return list
  }

  createList(input: { id?: string; name?: string; double_optin?: boolean } = {}): ListRecord {
    const list = createAudience({ name: `Sandbox Audience ${this.lists.size + 1}`, ...input })
    this.lists.set(list.id, list)
    return list
  }

  recordRequest(entry: RequestLogEntry): void {
    this.requests.push(entry)
    // Trimmed in chunks: a splice of one entry per request shifts the whole log every time.
    if (this.requests.length >= 2 * MAX_LOG_ENTRIES) this.requests.splice(0, this.requests.length - MAX_LOG_ENTRIES)
  }

  recordDelivery(entry: DeliveryRecord): void {
    this.deliveries.push(entry)
    if (this.deliveries.length > MAX_LOG_ENTRIES) this.deliveries.splice(0, this.deliveries.length - MAX_LOG_ENTRIES)
  }

  /** Runs `fn` after `ms` unless the sandbox is reset or closed first. */
  schedule(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      fn()
    }, ms)
    timer.unref?.()
    this.timers.add(timer)
  }

  /** Keeps track of background work (webhook deliveries) so that `idle()` can wait for it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise)
    const done = () => this.pending.delete(promise)
    promise.then(done, done)
    return promise
  }

  /** Batches not finished yet, the paused ones left out. */
  batchesUnderWay(): number {
    if (this.batchesPaused) return 0
    return [...this.batches.values()].filter((b) => b.status !== "finished").length
  }

  /**
   * Waits until no delivery attempt, campaign send or batch is in flight (batches only while not paused); with
   * `retries`, until no webhook retry is scheduled either.
   */
  async idle(options: { retries?: boolean } = {}): Promise<void> {
    this.flushRecords()
    for (;;) {
      if (this.pending.size) {
        await Promise.allSettled([...this.pending])
        continue
      }
      if (this.batchesUnderWay()) {
        await new Promise((resolve) => setTimeout(resolve, 10))
        continue
      }
      if (options.retries && this.timers.size) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        continue
      }
      this.flushRecords()
      return
    }
  }

  /** Every record decoded for use goes back to its compact form (compact-map.ts). */
  flushRecords(): void {
    for (const list of this.lists.values()) list.members.flush()
    for (const store of this.stores.values()) {
      store.customers.flush()
      store.orders.flush()
    }
  }

  cancelTimers(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  /** Stops scheduled work; the state stays readable. */
  dispose(): void {
    this.flushRecords()
    this.cancelTimers()
    this.generation += 1
    this.batchFiles.clear()
  }

  /** A JSON picture of everything, for GET /_sandbox/state. */
  snapshot(): Record<string, unknown> {
    return {
      strict: this.strict,
      lists: [...this.lists.values()].map((list) => ({
        id: list.id,
        name: list.name,
        double_optin: list.double_optin,
        stats: listStats(list),
        merge_fields: list.merge_fields.map((f) => ({ ...f, options: { ...f.options } })),
        members: [...list.members.values()].map((m) => ({
          id: m.id,
          email_address: m.email_address,
          unique_email_id: m.unique_email_id,
          status: m.status,
          ...(m.status_before_archive ? { status_before_archive: m.status_before_archive } : {}),
          ...(m.unsubscribe_reason ? { unsubscribe_reason: m.unsubscribe_reason } : {}),
          email_type: m.email_type,
          merge_fields: { ...m.merge_fields },
          interests: { ...m.interests },
          marketing_permissions: { ...m.marketing_permissions },
          tags: m.tags.map((t) => t.name),
          ip_signup: m.ip_signup,
          timestamp_signup: m.timestamp_signup ?? "",
          ip_opt: m.ip_opt,
          timestamp_opt: m.timestamp_opt ?? "",
          last_changed: m.last_changed,
          source: m.source,
        })),
        forgotten: [...list.forgotten],
        interest_categories: list.interest_categories.map((c) => ({ ...c, interests: c.interests.map((i) => ({ ...i })) })),
        marketing_permissions: list.marketing_permissions.map((p) => ({ ...p })),
        webhooks: list.webhooks.map((w) => ({ ...w, events: { ...w.events }, sources: { ...w.sources } })),
      })),
      deliveries: this.deliveries,
      campaigns: this.campaigns,
      api_campaigns: [...this.campaignsById.values()].map((c) => ({
        id: c.id,
        status: c.status,
        list_id: c.list_id ?? "",
        ...(c.saved_segment_id !== undefined ? { saved_segment_id: c.saved_segment_id } : {}),
        subject_line: c.settings.subject_line ?? "",
        ...(c.schedule_time ? { schedule_time: c.schedule_time } : {}),
        ...(c.send_time ? { send_time: c.send_time } : {}),
        recipients: c.outcome?.recipients.map((r) => r.email_address) ?? [],
        tests: c.tests,
      })),
      segments: [...this.lists.values()].flatMap((l) => [...l.segments.values()].map((seg) => ({ ...seg, list_id: l.id }))),
      stores: [...this.stores.values()].map((st) => ({
        id: st.id,
        list_id: st.list_id,
        customers: st.customers.size,
        products: st.products.size,
        orders: st.orders.size,
        carts: st.carts.size,
        promo_rules: st.promo_rules.size,
      })),
      batches: [...this.batches.values()].map(({ archived: _a, operations: _o, ...b }) => b),
      batches_paused: this.batchesPaused,
      clock: { now: this.now().toISOString(), offset_ms: this.clockOffsetMs },
      faults: this.faults,
      in_flight: this.inFlight,
      response_violations: this.responseViolations,
    }
  }
}
