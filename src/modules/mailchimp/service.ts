import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import { Context, InferTypeOf, Logger } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import {
  CONSENT_BY_ID,
  CONSENTS_OF_ORDERS,
  INSERT_WEBHOOK_EVENT,
  PRIOR_WEBHOOK_EVENT,
  RENAME_MEMBER,
  SETTLE_CONSENT,
  UPDATE_MEMBER_PROFILE,
  UPSERT_MEMBER_STATUS,
  WEBHOOK_EVENT_STATS,
} from "./sql/statements"
import {
  CHOICES_FOR_ADDRESS,
  AUDIENCES_OF_ADDRESSES,
  CONSENT_FACTS,
  DROP_MEMBER_AT,
  FINISH_CUSTOMER_SYNC,
  LINK_MEMBER_TO_CUSTOMER,
  LINKED_MEMBERS_PAGE,
  MARK_CUSTOMER_CHANGED,
  MOVE_CUSTOMER_CONSENTS,
  MOVE_MEMBER,
  SUPERSEDE_PENDING_OPT_INS,
} from "./sql/list-management"
import {
  ADDRESSES_OF_CUSTOMERS,
  AUDIENCES_USED,
  CONSENTS_OF,
  DELETE_CONSENTS,
  DELETE_MEMBERS,
  EMPTY_WEBHOOK_EVENT,
  ERASED_SINCE,
  SCRUB_JOB_RUNS,
  SCRUB_WEBHOOK_EVENTS,
} from "./sql/erasure"
import { REPLACE_JOB_RUN } from "./sql/job-runs"
import { CUSTOMER_CHANGES, PENDING_CONSENTS, PENDING_ERASURES, RETRY_DUE, SYNCABLE_MEMBER } from "./sql/reconcile"
import { nextUnfinishedPage, reconcileCursors, ReconcileCursorState, ReconcilePage } from "./sql/reconcile-walk"
import { HAS_COMMERCE_SETTINGS, REPLACE_SETTINGS_JSON, SAVED_SALES_CHANNELS } from "./sql/settings"
import {
  CLAIM_WEBHOOK_EVENTS,
  FAIL_WEBHOOK_EVENT,
  INSERT_WEBHOOK_EVENTS,
  LOCK_WEBHOOK_CLAIMS,
  SETTLE_WEBHOOK_EVENT,
  WEBHOOK_APPLY_HOLD,
  WEBHOOK_EVENTS_PENDING,
  APPLY_WEBHOOK_STATUS,
  APPLY_WEBHOOK_PROFILE,
} from "./sql/webhook-ingest"
import { GroupCommit } from "./webhooks/group-commit"
import { groupEntityIds } from "./webhooks/group-ids"
import { applyWindowOf } from "./webhooks/apply-window"
import { Choice, erasureHistory } from "./rules/list-management"
import { happenedAgain, occurrenceFingerprint, PriorEvent } from "./webhooks/repeat"
import { MailchimpClient, subscriberHash } from "../../mailchimp"
import { parsePluginOptions, PluginOptions } from "../../options"
import { JobHandlers, MailchimpQueue } from "./queue-runtime/queue"
import { Consent } from "./models/consent"
import { Member } from "./models/member"
import { WebhookEvent } from "./models/webhook-event"
import { WebhookRegistration } from "./models/webhook-registration"
import { Erasure } from "./models/erasure"
import { Settings } from "./models/settings"
import { JobRun } from "./models/job-run"
import { ReconcileCursor } from "./models/reconcile-cursor"
import { evidenceKey } from "./newsletter-choice"
import { effectiveOptions, SavedSettings, STORE_SETTINGS_ID } from "./settings/effective-options"
import { SettingsCache } from "./settings/cache"
import { AudienceCache, AudienceProfile } from "./audience/cache"
import { OptInOffer, OptInOfferCache } from "./audience/opt-in-offer"
import { audienceOfChannel, audienceOfChannels, consentAudiences, interestCategoriesOf } from "./audience/channel-audience"
import { NOTE_INTEREST_NAMES, RECORD_MEMBER_INTERESTS } from "./sql/interests"
import { webhookSecretFor, webhookSecretOf } from "./webhooks/webhook-url"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import type { MailchimpConnections } from "./loaders/connections"

type InjectedDependencies = MailchimpConnections & {
  logger: Logger
  configModule?: { projectConfig?: { redisUrl?: string; http?: { cookieSecret?: string } } }
}

export type ConsentRow = InferTypeOf<typeof Consent>
export type ConsentFactRow = { email: string; action: string | null; sync_status: string | null; member_status: string | null }
export type { AudienceProfile }

/** Occurrences of one body within one second that are stored apart (see webhooks/repeat.ts). */
const MAX_OCCURRENCES = 5

export type MemberStatusChange = {
  /** The member's audience (a consent's `audience_id`); default: the plugin's. */
  audience_id?: string
  email: string
  status: "subscribed" | "pending" | "unsubscribed" | "cleaned" | "archived" | "transactional"
  at: Date
  source: "checkout" | "signup" | "account" | "admin" | "mailchimp"
  customer_id?: string | null
  reason?: string | null
  campaign_id?: string | null
  merge_fields?: Record<string, unknown> | null
}

export type IncomingWebhookEvent = {
  fingerprint: string
  type: string
  audience_id: string | null
  email: string | null
  fired_at: Date
  payload: Record<string, unknown>
}

type Changed = { applied: boolean; id?: string; customer_id?: string | null }

/** A status webhook event as one statement applies it (see `applyWebhookStatus`). */
export type WebhookStatusApplication = {
  event_id: string
  change: MemberStatusChange
  consent: { action: "opt_in" | "opt_out" | "cleaned"; evidence: Record<string, unknown> }
  outcomes: { applied: string; ignored: string }
}

/** A stored delivery as the batch applier reads it (no `status`: a claimed event is always still to apply). */
export type ClaimedWebhookEvent = {
  id: string
  seq: number
  type: string
  audience_id: string | null
  email: string | null
  fired_at: Date
  payload: Record<string, unknown>
  apply_attempts: number
}

// Group commit of webhook deliveries: a group's size cap, writes under way at once, and the least time between the
// starts of two writes (see webhooks/group-commit.ts). A write's fixed cost in the process is paid per group: at 50
// senders with no spacing most groups held one or two deliveries. Spacing of 8 ms and 15 ms were measured side by
// side with none (docs/benchmarks.md, webhook ingest); 15 ms adds at most that to a delivery's answer under a stream.
const INGEST_GROUP_MAX = 500
const INGEST_CONCURRENT_WRITES = 2
const INGEST_SPACING_MS = 15

export type OptOutInput = {
  email: string
  customer_id?: string | null
  customer_email?: string | null
  source: "checkout" | "signup" | "account" | "admin" | "mailchimp"
  evidence: Record<string, unknown>
}

export type ErasureRequest = {
  emails: string[]
  customer_id?: string | null
  trigger: "customer_deleted" | "admin_request"
  requested_by?: string | null
  mode?: "archive" | "delete-permanent"
}

export type MemberMove = {
  member_id: string
  from: string
  to: string
  customer_id: string
  evidence: Record<string, unknown>
}

type ModuleDeclaration = { worker_mode?: "shared" | "worker" | "server" }

class MailchimpModuleService
  extends MedusaService({ Consent, Member, WebhookEvent, WebhookRegistration, Erasure, Settings, JobRun, ReconcileCursor })
  implements IMailchimpModuleService
{
  // The plugin options with the merchant's saved settings over them (see settings/cache.ts).
  protected readonly settings_: SettingsCache
  protected readonly audience_: AudienceCache
  protected readonly optInOffer_: OptInOfferCache
  protected readonly logger_: Logger
  protected readonly isWorker_: boolean
  protected readonly evidenceKey_: Buffer
  // Built by loaders/connections.ts and injected: the service builds no connection itself.
  protected readonly client_: MailchimpClient
  protected readonly queue_: MailchimpQueue
  protected webhookSecrets_?: { value: Map<string, string[]>; at: number }
  protected readonly ingest_: GroupCommit<IncomingWebhookEvent, { id: string | null; duplicate: boolean }>
  // The last window whose apply job this process asked for (see webhooks/apply-window.ts).
  protected applyWindowQueued_?: number
  // The shared connection's Knex, for the group commit's write (storeWebhookEventsDirect).
  protected ingestKnex_?: ReturnType<SqlEntityManager["getKnex"]>

  constructor(deps: InjectedDependencies, options: Record<string, unknown>, moduleDeclaration?: ModuleDeclaration) {
    // @ts-ignore MedusaService takes the same arguments
    super(...arguments)
    this.logger_ = deps.logger
    this.client_ = deps.mailchimpClient
    this.queue_ = deps.mailchimpQueue
    const configured = parsePluginOptions(options ?? {}, resolveProjectRedisUrl(deps))
    this.settings_ = new SettingsCache<PluginOptions, SavedSettings>(
      configured,
      () => this.readSettings(),
      () => {
        this.forgetAudienceProfile()
        this.forgetWebhookSecrets()
      },
      effectiveOptions
    )
    this.audience_ = new AudienceCache(() => this.getClient(), () => this.options_)
    this.optInOffer_ = new OptInOfferCache(
      () => this.getClient(),
      () => this.options_,
      (audienceId) => interestCategoriesOf(this.options_, this.settings_.saved(), audienceId)
    )
    this.evidenceKey_ = evidenceKey(configured.evidenceSecret, resolveCookieSecret(deps))
    this.isWorker_ = (moduleDeclaration?.worker_mode ?? "shared") !== "server"
    this.ingest_ = new GroupCommit((events) => this.storeWebhookEventsDirect(events).then((r) => this.afterIngest(r)), {
      maxItems: INGEST_GROUP_MAX,
      maxConcurrentWrites: INGEST_CONCURRENT_WRITES,
      spacingMs: INGEST_SPACING_MS,
    })
  }

  __hooks = {
    onApplicationStart: async () => {
      await this.refreshSettings().catch((e) =>
        this.logger_.warn(`medusa-mailchimp: could not read the saved settings, using the options: ${e.message}`)
      )
      // The processors are registered from outside the module (src/workflows/register-job-handlers.ts, loaded in
      // every worker mode before this hook); a process that runs workers starts one only then.
      if (this.isWorker_ && this.queue_.hasJobHandlers()) {
        await this.queue_.startWorker()
        this.logger_.info("medusa-mailchimp: worker: true (this process runs the Mailchimp queue's jobs)")
      } else if (this.isWorker_) {
        this.logger_.warn("medusa-mailchimp: no job handlers registered; this process runs no Mailchimp worker")
      } else {
        this.logger_.info("medusa-mailchimp: worker: false (server mode: this process only queues jobs)")
      }
    },
    onApplicationPrepareShutdown: async () => {
      await this.queue_.stopWorker()
    },
    onApplicationShutdown: async () => {
      await this.queue_.close()
      await this.client_.close()
    },
  }

  /** Applies a status change unless the member already holds a newer one. */
  @InjectManager()
  async recordMemberStatus(change: MemberStatusChange, @MedusaContext() ctx: Context = {}): Promise<Changed> {
    const rows = await this.sql(ctx).execute(UPSERT_MEMBER_STATUS, this.memberStatusParams(change))
    return this.afterMemberStatus(change, rows)
  }

  protected memberStatusParams(change: MemberStatusChange): unknown[] {
    return [
      generateEntityId(undefined, "mcm"),
      change.audience_id ?? this.options_.audienceId,
      change.email.trim().toLowerCase(),
      change.customer_id ?? null,
      change.status,
      change.at,
      change.source,
      change.reason ?? null,
      change.campaign_id ?? null,
      change.merge_fields ? JSON.stringify(change.merge_fields) : null,
    ]
  }

  protected async afterMemberStatus(change: MemberStatusChange, rows: Record<string, any>[]): Promise<Changed> {
    const result = changed(rows)
    // Segments hold subscribed, consented members only: the address's segments are re-evaluated. Without
    // a segment there is nothing to re-evaluate (the statement says whether there is one, in the same
    // round trip); a segment created later is evaluated in full then.
    if (result.applied && rows[0].any_segment) {
      await this.getQueue().enqueue("segments.email.refresh", { email_hash: subscriberHash(change.email) }, { delayMs: 1_000 })
    }
    return result
  }

  @InjectManager()
  async recordMemberProfile(
    input: { email: string; merge_fields: Record<string, unknown>; at: Date },
    @MedusaContext() ctx: Context = {}
  ): Promise<Changed> {
    const rows = await this.sql(ctx).execute(UPDATE_MEMBER_PROFILE, this.memberProfileParams(input))
    return changed(rows)
  }

  protected memberProfileParams(input: { email: string; merge_fields: Record<string, unknown>; at: Date; audience_id?: string }): unknown[] {
    const email = input.email.trim().toLowerCase()
    return [JSON.stringify(input.merge_fields), input.at, input.audience_id ?? this.options_.audienceId, email, input.at]
  }

  /**
   * A claimed profile event's member update; when it changes nothing the event is settled "ignored" (with
   * `ignored` as its outcome) in the same statement. One that lands is for the caller to settle.
   */
  @InjectManager()
  async applyWebhookProfile(
    input: { event_id: string; email: string; merge_fields: Record<string, unknown>; at: Date; ignored: string; audience_id?: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<Changed> {
    const rows = await this.sql(ctx).execute(APPLY_WEBHOOK_PROFILE, [...this.memberProfileParams(input), input.ignored, input.event_id])
    return changed(rows)
  }

  /** Keeps a profile webhook's INTERESTS names; true when they differ from the last seen (read the member again). */
  @InjectManager()
  async noteInterestNames(
    input: { email: string; names: string; audience_id?: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<boolean> {
    const email = input.email.trim().toLowerCase()
    const audience = input.audience_id ?? this.options_.audienceId
    const rows = await this.sql(ctx).execute(NOTE_INTEREST_NAMES, [input.names, audience, email, input.names])
    return rows.length > 0
  }

  /** Stores a member's interests by id and its marketing permissions, as Mailchimp just showed them. */
  @InjectManager()
  async recordMemberInterests(
    input: { audience_id: string; email_hash: string; interests: Record<string, boolean>; marketing_permissions: Record<string, boolean> },
    @MedusaContext() ctx: Context = {}
  ): Promise<boolean> {
    const params = [JSON.stringify(input.interests), JSON.stringify(input.marketing_permissions), input.audience_id, input.email_hash]
    return (await this.sql(ctx).execute(RECORD_MEMBER_INTERESTS, params)).length > 0
  }

  /** Moves a member to a new address; refused when the new address already has a member. */
  @InjectManager()
  async renameMember(
    input: { from: string; to: string; audience_id?: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<Changed> {
    const from = input.from.trim().toLowerCase()
    const to = input.to.trim().toLowerCase()
    const audience = input.audience_id ?? this.options_.audienceId
    const rows = await this.sql(ctx).execute(RENAME_MEMBER, [to, audience, from, audience, to])
    return changed(rows)
  }

  /** Stores a delivery once; a repeat of the same body reports `duplicate`, unless it happened again. */
  @InjectManager()
  async storeWebhookEvent(
    event: IncomingWebhookEvent,
    @MedusaContext() ctx: Context = {}
  ): Promise<{ id: string | null; duplicate: boolean }> {
    for (let n = 1; n <= MAX_OCCURRENCES; n++) {
      const fingerprint = occurrenceFingerprint(event.fingerprint, n)
      const rows = await this.sql(ctx).execute(INSERT_WEBHOOK_EVENT, [
        generateEntityId(undefined, "mcwe"),
        fingerprint,
        event.type,
        event.audience_id,
        event.email,
        event.fired_at,
        JSON.stringify(event.payload),
      ])
      if (rows.length) return { id: rows[0].id, duplicate: false }
      const [prior] = await this.sql(ctx).execute(PRIOR_WEBHOOK_EVENT, [fingerprint])
      if (!prior || !happenedAgain(prior as PriorEvent)) break
    }
    return { id: null, duplicate: true }
  }

  /**
   * Stores a delivery together with the others arriving at the same moment (one statement for the group) and
   * settles once the group is committed: with `{ id, duplicate }`, or with the write's error, for every delivery
   * of the group. The window's apply job is asked for after the answer, never before it.
   */
  ingestWebhookEvent(event: IncomingWebhookEvent): Promise<{ id: string | null; duplicate: boolean }> {
    return this.ingest_.add(event)
  }

  /** Stores many deliveries in one statement; repeats of a stored body go the way of `storeWebhookEvent`. */
  @InjectManager()
  async storeWebhookEvents(
    events: IncomingWebhookEvent[],
    @MedusaContext() ctx: Context = {}
  ): Promise<{ id: string | null; duplicate: boolean }[]> {
    return this.storeWebhookEventGroup(events, (sql, bindings) => this.sql(ctx).execute(sql, bindings), ctx)
  }

  /**
   * The group commit's write: the same statement on the shared connection's Knex, with no entity-manager fork
   * and no query formatting of its own (the group's JSON goes as one bound parameter). Per group that is about a
   * millisecond less of the store's CPU, which at 50 senders (groups of a few deliveries) was most of a delivery's
   * cost over a request that stores nothing (docs/benchmarks.md, webhook ingest).
   */
  protected storeWebhookEventsDirect(events: IncomingWebhookEvent[]): Promise<{ id: string | null; duplicate: boolean }[]> {
    this.ingestKnex_ ??= (this as unknown as { baseRepository_: { getFreshManager(): SqlEntityManager } }).baseRepository_
      .getFreshManager()
      .getKnex()
    const knex = this.ingestKnex_
    return this.storeWebhookEventGroup(events, async (sql, bindings) => (await knex.raw(sql, bindings)).rows)
  }

  protected async storeWebhookEventGroup(
    events: IncomingWebhookEvent[],
    insert: (sql: string, bindings: string[]) => Promise<{ id: string; fingerprint: string }[]>,
    ctx: Context = {}
  ): Promise<{ id: string | null; duplicate: boolean }[]> {
    const seen = new Set<string>()
    const distinct = events.filter((e) => !seen.has(e.fingerprint) && seen.add(e.fingerprint))
    const ids = groupEntityIds("mcwe", distinct.length)
    const rows = distinct.map((e, i) => ({ ...e, id: ids[i], fired_at: new Date(e.fired_at).toISOString() }))
    const stored = new Map<string, string>()
    if (rows.length) {
      for (const r of await insert(INSERT_WEBHOOK_EVENTS, [JSON.stringify(rows)])) stored.set(r.fingerprint, r.id)
    }
    const results: { id: string | null; duplicate: boolean }[] = []
    for (const event of events) {
      const id = stored.get(event.fingerprint)
      if (id) {
        stored.delete(event.fingerprint)
        results.push({ id, duplicate: false })
      } else {
        // Rare: the same body stored before, or twice in this group. Asked one by one whether it happened again.
        results.push(await this.storeWebhookEvent(event, ctx))
      }
    }
    return results
  }

  protected afterIngest<R extends { id: string | null }[]>(results: R): R {
    const window = applyWindowOf()
    if (results.some((r) => r.id) && this.applyWindowQueued_ !== window) {
      this.applyWindowQueued_ = window
      // Not awaited: the deliveries are stored, and answered now. Redis away: the reconciler asks again.
      setImmediate(() =>
        void this.queue_.enqueue("webhook.apply.pending", { window }).then((outcome) => {
          if (outcome === "unavailable" && this.applyWindowQueued_ === window) this.applyWindowQueued_ = undefined
        })
      )
    }
    return results
  }

  /** The next page of stored deliveries to apply, leased to the caller (see sql/webhook-ingest.ts). */
  @InjectTransactionManager()
  async claimWebhookEvents(
    input: { limit: number; leaseSeconds: number },
    @MedusaContext() ctx: Context = {}
  ): Promise<ClaimedWebhookEvent[]> {
    await this.sql(ctx).execute(LOCK_WEBHOOK_CLAIMS)
    const rows = await this.sql(ctx).execute(CLAIM_WEBHOOK_EVENTS, [input.leaseSeconds, input.limit])
    return (rows as ClaimedWebhookEvent[]).sort((a, b) => Number(a.seq) - Number(b.seq))
  }

  /** A claimed delivery's outcome, written right after its effect. */
  @InjectManager()
  async settleWebhookEvent(
    input: { id: string; status: "applied" | "ignored"; outcome: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await this.sql(ctx).execute(SETTLE_WEBHOOK_EVENT, [input.status, input.outcome, input.id])
  }

  /** A claimed delivery whose application threw: tried again after its lease, failed after `maxAttempts`. */
  @InjectManager()
  async failWebhookEvent(
    input: { id: string; reason: string; maxAttempts: number },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await this.sql(ctx).execute(FAIL_WEBHOOK_EVENT, [input.reason, input.maxAttempts, input.maxAttempts, input.id])
  }

  /** How long the apply may still hold back while deliveries keep arriving, in ms (see sql/webhook-ingest.ts). */
  @InjectManager()
  async webhookApplyHoldMs(
    input: { quietSeconds: number; maxHoldSeconds: number },
    @MedusaContext() ctx: Context = {}
  ): Promise<number> {
    const [row] = await this.sql(ctx).execute(WEBHOOK_APPLY_HOLD, [input.quietSeconds, input.maxHoldSeconds])
    return Math.ceil(Number(row?.hold_ms ?? 0))
  }

  /**
   * A claimed status event applied and settled in one statement: the member's newer-wins change, the consent
   * history row when it lands, the event's outcome (`outcomes.applied` or `outcomes.ignored`).
   */
  @InjectManager()
  async applyWebhookStatus(
    input: WebhookStatusApplication,
    @MedusaContext() ctx: Context = {}
  ): Promise<Changed> {
    const { change, consent } = input
    const rows = await this.sql(ctx).execute(APPLY_WEBHOOK_STATUS, [
      ...this.memberStatusParams(change),
      generateEntityId(undefined, "mcc"),
      change.email.trim().toLowerCase(),
      change.audience_id ?? this.options_.audienceId,
      consent.action,
      JSON.stringify(consent.evidence),
      change.status,
      input.outcomes.applied,
      input.outcomes.ignored,
      input.event_id,
    ])
    // No row back: the member holds a newer state; the event was settled "ignored" all the same.
    return this.afterMemberStatus(change, rows)
  }

  /** How many stored deliveries, last changed before `before`, wait unclaimed (the reconciler's question). */
  @InjectManager()
  async countPendingWebhookEvents(before: Date, @MedusaContext() ctx: Context = {}): Promise<number> {
    const [row] = await this.sql(ctx).execute(WEBHOOK_EVENTS_PENDING, [before])
    return row?.count ?? 0
  }

  /** Deliveries received, by type and by outcome, and when the last one came. */
  @InjectManager()
  async webhookEventStats(@MedusaContext() ctx: Context = {}) {
    const rows = await this.sql(ctx).execute(WEBHOOK_EVENT_STATS)
    const byType: Record<string, number> = {}
    const byStatus: Record<string, number> = {}
    let last: Date | null = null
    for (const row of rows) {
      byType[row.type] = (byType[row.type] ?? 0) + row.count
      byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count
      const at = new Date(row.last_received_at)
      if (!last || at > last) last = at
    }
    return { by_type: byType, by_status: byStatus, last_received_at: last }
  }

  // The consent job's reads and writes are plain SQL: they run for every opt-in, and an ORM find or
  // update costs about ten times more CPU.
  @InjectManager()
  async getConsent(id: string, @MedusaContext() ctx: Context = {}): Promise<ConsentRow | null> {
    const [row] = (await this.sql(ctx).execute(CONSENT_BY_ID, [id])) as ConsentRow[]
    return row ?? null
  }

  @InjectManager()
  async consentsOfOrders(
    orderIds: string[],
    @MedusaContext() ctx: Context = {}
  ): Promise<Map<string, { id: string; customer_id: string | null }>> {
    if (!orderIds.length) return new Map()
    const rows = (await this.sql(ctx).execute(CONSENTS_OF_ORDERS, [orderIds])) as { id: string; customer_id: string | null; order_id: string }[]
    return new Map(rows.map((r) => [r.order_id, { id: r.id, customer_id: r.customer_id }]))
  }

  /** Records the outcome of a consent's Mailchimp write; a field left out keeps its value (sync_error is cleared to null). */
  @InjectManager()
  async settleConsent(
    id: string,
    outcome: {
      sync_status: ConsentRow["sync_status"]
      sync_attempts: number
      sync_error?: Record<string, unknown> | null
      requested_status?: string | null
      mailchimp_status?: string | null
      synced_at?: Date
      /** Held back until then (an anti-abuse refusal); every other settle clears it. */
      retry_at?: Date | null
    },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    const has = (key: keyof typeof outcome) => outcome[key] !== undefined
    await this.sql(ctx).execute(SETTLE_CONSENT, [
      outcome.sync_status,
      outcome.sync_attempts,
      outcome.sync_error ? JSON.stringify(outcome.sync_error) : null,
      has("requested_status"),
      outcome.requested_status ?? null,
      has("mailchimp_status"),
      outcome.mailchimp_status ?? null,
      has("synced_at"),
      outcome.synced_at ?? null,
      outcome.retry_at ?? null,
      id,
    ])
  }

  /**
   * Per address (lower-cased): its latest consent's action and sync status, and its member's status. Without an
   * audience: the latest consent of any audience and the member of the plugin's (as before sales channels had
   * audiences); with one: both of that audience only (a store bound to it asks so).
   */
  @InjectManager()
  async consentFacts(emails: string[], audienceId?: string, @MedusaContext() ctx: Context = {}): Promise<ConsentFactRow[]> {
    if (!emails.length) return []
    return this.sql(ctx).execute(CONSENT_FACTS, [JSON.stringify(emails), audienceId ?? null, audienceId ?? null, audienceId ?? this.options_.audienceId])
  }

  /** The opt-ins and opt-outs recorded for an address in an audience (default: the plugin's), and its erasures. */
  @InjectManager()
  async choicesFor(email: string, audienceId?: string, @MedusaContext() ctx: Context = {}): Promise<Choice[]> {
    const address = email.trim().toLowerCase()
    const audience = audienceId ?? this.options_.audienceId
    const rows = await this.sql(ctx).execute(CHOICES_FOR_ADDRESS, [audience, address, audience, subscriberHash(address)])
    return rows.map((r: any) => ({ id: r.id, kind: r.kind, at: new Date(r.at), source: r.source ?? null }))
  }

  /**
   * Records opt-outs and, in the same transaction, makes every opt-in of those addresses still
   * waiting for Mailchimp moot: an unsubscribe wins over a subscribe queued before it.
   */
  @InjectTransactionManager()
  async recordOptOuts(
    inputs: OptOutInput[],
    @MedusaContext() ctx: Context = {}
  ): Promise<{ consents: { id: string; customer_id: string | null }[]; superseded: string[] }> {
    if (!inputs.length) return { consents: [], superseded: [] }
    const audience = this.options_.audienceId
    const emails = [...new Set(inputs.map((i) => i.email.trim().toLowerCase()))]
    const reason = JSON.stringify({ title: "Superseded", detail: "an opt-out for this address came later", at: new Date().toISOString() })
    // The plugin's audience always; a sales channel's where the plugin's consents put the address (salesChannels).
    const others = consentAudiences(this.options_).filter((a) => a !== audience)
    const elsewhere = others.length ? await this.sql(ctx).execute(AUDIENCES_OF_ADDRESSES, [others, emails, others, emails]) : []
    const audiencesOf = (email: string) => [audience, ...elsewhere.filter((r: any) => r.email === email).map((r: any) => r.audience_id as string)]
    const superseded = await this.sql(ctx).execute(SUPERSEDE_PENDING_OPT_INS, [reason, [audience, ...others], emails])
    const created = await this.createConsents(
      inputs.flatMap((i) => audiencesOf(i.email.trim().toLowerCase()).map((audience_id) => ({
        email: i.email.trim().toLowerCase(),
        customer_id: i.customer_id ?? null,
        customer_email: i.customer_email ?? null,
        audience_id,
        action: "opt_out" as const,
        source: i.source,
        evidence: i.evidence,
        requested_status: "unsubscribed",
      }))),
      ctx
    )
    return {
      consents: created.map((c) => ({ id: c.id, customer_id: c.customer_id })),
      superseded: superseded.map((r: any) => r.id),
    }
  }

  /** Flags the customer's members as changed; answers the ids flagged (none: nothing to sync). */
  @InjectManager()
  async markCustomerChanged(customerId: string, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    const rows = await this.sql(ctx).execute(MARK_CUSTOMER_CHANGED, [this.options_.audienceId, customerId])
    return rows.map((r: any) => r.id)
  }

  @InjectManager()
  async linkMemberToCustomer(
    input: { email: string; customer_id: string; customer_email: string | null; audience_id?: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<boolean> {
    const rows = await this.sql(ctx).execute(LINK_MEMBER_TO_CUSTOMER, [
      input.customer_id,
      input.customer_email?.trim().toLowerCase() ?? null,
      input.audience_id ?? this.options_.audienceId,
      input.email.trim().toLowerCase(),
    ])
    return rows.length > 0
  }

  /**
   * The reconciler's pages: the next unfinished rows untouched since `before` after the source's cursor in Postgres,
   * which moves past the page or laps (sql/reconcile-walk.ts). Each run reads at most `limit` rows of an index, and
   * run after run goes on where the last one stopped, so none is left behind the first page.
   */
  @InjectTransactionManager()
  async unfinishedConsentPage(
    before: Date,
    now: Date,
    limit: number,
    @MedusaContext() ctx: Context = {}
  ): Promise<ReconcilePage<{ id: string; action: string }>> {
    return nextUnfinishedPage(this.sql(ctx), PENDING_CONSENTS, before, limit, { where: RETRY_DUE, params: [now] })
  }

  @InjectTransactionManager()
  async unfinishedErasurePage(before: Date, limit: number, @MedusaContext() ctx: Context = {}): Promise<ReconcilePage<{ id: string }>> {
    return nextUnfinishedPage(this.sql(ctx), PENDING_ERASURES, before, limit)
  }

  /** Linked members' customers changed after their last sync (a customer once, whatever its members). */
  @InjectTransactionManager()
  async customersWithUnsyncedChanges(before: Date, limit: number, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    const filter = { where: SYNCABLE_MEMBER, params: [this.options_.audienceId] }
    const { rows } = await nextUnfinishedPage<{ customer_id: string }>(this.sql(ctx), CUSTOMER_CHANGES, before, limit, filter)
    return [...new Set(rows.map((r) => r.customer_id))]
  }

  /** Where the reconciler's walks over this module's rows stand, by source (absent before its first run). */
  @InjectManager()
  async reconcileCursors(@MedusaContext() ctx: Context = {}): Promise<Record<string, ReconcileCursorState>> {
    return reconcileCursors(this.sql(ctx), PENDING_CONSENTS.cursorTable)
  }

  /** Records a customer sync; `dirty` when the customer changed again after `synced_at`. */
  @InjectManager()
  async finishCustomerSync(
    input: {
      member_id: string
      customer_email: string
      merge_fields: Record<string, unknown> | null
      group_tags: string[]
      synced_at: Date
    },
    @MedusaContext() ctx: Context = {}
  ): Promise<{ dirty: boolean }> {
    const rows = await this.sql(ctx).execute(FINISH_CUSTOMER_SYNC, [
      input.customer_email.trim().toLowerCase(),
      input.merge_fields ? JSON.stringify(input.merge_fields) : null,
      JSON.stringify(input.group_tags),
      input.synced_at,
      input.member_id,
    ])
    return { dirty: !!rows[0]?.dirty }
  }

  /** After Mailchimp moved a member to a new address: the row, and the customer's consents, follow. */
  @InjectTransactionManager()
  async moveMember(input: MemberMove, @MedusaContext() ctx: Context = {}): Promise<void> {
    const audience = this.options_.audienceId
    const from = input.from.trim().toLowerCase()
    const to = input.to.trim().toLowerCase()
    const sql = this.sql(ctx)
    await sql.execute(DROP_MEMBER_AT, [audience, to, input.member_id])
    await sql.execute(MOVE_MEMBER, [to, to, input.member_id])
    await sql.execute(MOVE_CUSTOMER_CONSENTS, [to, audience, from, input.customer_id])
    await this.createConsents(
      {
        email: to,
        customer_id: input.customer_id,
        customer_email: to,
        audience_id: audience,
        action: "email_changed",
        source: "account",
        evidence: { ...input.evidence, old_email: from, new_email: to },
        sync_status: "synced",
        synced_at: new Date(),
      },
      ctx
    )
  }

  @InjectManager()
  async linkedMembersPage(
    afterId: string,
    limit: number,
    @MedusaContext() ctx: Context = {}
  ): Promise<{ id: string; customer_id: string; group_tags: string[] | null }[]> {
    return this.sql(ctx).execute(LINKED_MEMBERS_PAGE, [this.options_.audienceId, afterId, limit])
  }

  /**
   * Starts the erasure of addresses: one erasure row per address (its hash only), and every
   * consent, member row and applied delivery holding the address goes now, in one transaction.
   * A customer's addresses are those of their members and consents.
   */
  /**
   * Removes what this module holds about the addresses (and the customer's own addresses) in every audience
   * the store has used: consents, members, webhook deliveries, scheduled jobs' results. Leaves one erasure row
   * per address and audience (the hash only) for the Mailchimp side.
   */
  @InjectTransactionManager()
  async recordErasure(
    request: ErasureRequest,
    @MedusaContext() ctx: Context = {}
  ): Promise<{
    erasure_ids: string[]
    addresses: string[]
    removed_links: { customer_id: string; consent_id: string }[]
    removed: Record<string, number>
  }> {
    const sql = this.sql(ctx)
    const emails = new Set(request.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))
    const customers = JSON.stringify(request.customer_id ? [request.customer_id] : [])
    if (request.customer_id) {
      for (const row of await sql.execute(ADDRESSES_OF_CUSTOMERS, [customers, customers, customers])) emails.add(row.email)
    }
    const addresses = [...emails]
    if (!addresses.length) return { erasure_ids: [], addresses: [], removed_links: [], removed: {} }
    const list = JSON.stringify(addresses)
    const consents = (await sql.execute(CONSENTS_OF, [list, list, customers])) as {
      id: string
      email: string
      customer_id: string | null
      action: string
      source: string
      created_at: Date
    }[]
    const audiences = new Set<string>([this.options_.audienceId, ...(await sql.execute(AUDIENCES_USED)).map((r) => r.audience_id)])
    const keep = this.options_.erasureRecord === "hashed"
    const now = new Date()
    const erasures = await this.createErasures(
      addresses.flatMap((email) =>
        [...audiences].map((audience_id) => ({
          audience_id,
          subscriber_hash: subscriberHash(email),
          mode: request.mode ?? this.options_.erasure,
          trigger: request.trigger,
          requested_by: keep ? request.requested_by ?? null : null,
          requested_at: now,
          history: keep ? (erasureHistory(consents.filter((c) => c.email === email)) as unknown as Record<string, unknown>) : null,
        }))
      ),
      ctx
    )
    const removed = {
      consents: (await sql.execute(DELETE_CONSENTS, [list, list, customers])).length,
      members: (await sql.execute(DELETE_MEMBERS, [list, list, customers])).length,
      webhook_events: (await sql.execute(SCRUB_WEBHOOK_EVENTS, [list, list, list])).length,
      job_runs: (await sql.execute(SCRUB_JOB_RUNS, [list, customers])).length,
    }
    return {
      erasure_ids: erasures.map((e) => e.id),
      addresses,
      removed_links: consents
        .filter((c) => c.customer_id)
        .map((c) => ({ customer_id: c.customer_id as string, consent_id: c.id })),
      removed,
    }
  }

  /** A delivery about an erased address: ignored and emptied (its fingerprint stays, so a retry is recognised). */
  @InjectManager()
  async emptyWebhookEvent(id: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    // Not updateWebhookEvents: the ORM merges a JSON update into the stored body, which would keep it.
    await this.sql(ctx).execute(EMPTY_WEBHOOK_EVENT, [id])
  }

  /**
   * The addresses among these that were erased and not opted in again since, with when: nothing the store
   * hears about them afterwards (a late webhook, an order changed) may bring them back.
   */
  @InjectManager()
  async erasedSince(emails: string[], @MedusaContext() ctx: Context = {}): Promise<Map<string, Date>> {
    const people = [...new Set(emails.map((e) => e?.trim().toLowerCase()).filter(Boolean))].map((email) => ({
      email,
      hash: subscriberHash(email),
    }))
    if (!people.length) return new Map()
    const rows = await this.sql(ctx).execute(ERASED_SINCE, [JSON.stringify(people)])
    return new Map(rows.map((r) => [r.email as string, new Date(r.erased_at)]))
  }

  /**
   * Mailchimp confirmed (or refused) an erasure. The receipt says what was removed where, in figures. With
   * erasureRecord "none" only the hash stays (so that the address is not brought back), no dates of the
   * outcome, no history, no receipt.
   */
  @InjectManager()
  async finishErasure(
    id: string,
    result: {
      status: "done" | "failed"
      outcome?: string | null
      error?: Record<string, unknown> | null
      receipt?: Record<string, unknown> | null
    },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    const bare = result.status === "done" && this.options_.erasureRecord === "none"
    await this.updateErasures(
      {
        id,
        status: result.status,
        outcome: bare ? null : result.outcome ?? null,
        error: result.error ?? null,
        erased_at: result.status === "done" && !bare ? new Date() : null,
        receipt: bare ? null : result.receipt ?? null,
        ...(result.status === "done" ? { pending_remote: null } : {}),
      },
      ctx
    )
  }

  protected sql(ctx: Context): SqlEntityManager {
    return (ctx.transactionManager ?? ctx.manager) as SqlEntityManager
  }

  /** The effective options as last read (the methods' own reads: no background refresh). */
  protected get options_(): PluginOptions {
    return this.settings_.current()
  }

  /** The effective options; the saved settings are read again when older than 30 s, in the background. */
  getOptions(): PluginOptions {
    return this.settings_.options()
  }

  /** The options as medusa-config gives them, before the saved settings. */
  getConfiguredOptions(): PluginOptions {
    return this.settings_.configured()
  }

  /** The settings row as saved in the admin (null: nothing saved, the options apply). */
  getSavedSettings(): SavedSettings | null {
    return this.settings_.saved()
  }

  /** Reads the saved settings now: at start, after a save, and every 30 s through getOptions. */
  async refreshSettings(): Promise<PluginOptions> {
    return this.settings_.refresh()
  }

  @InjectManager()
  protected async readSettings(@MedusaContext() ctx: Context = {}): Promise<{ saved: SavedSettings | null; stamp: string | null }> {
    const [row] = await this.listSettings({ id: STORE_SETTINGS_ID }, { take: 1 }, ctx)
    // The mapping saved in the admin is the commerce module's row (docs/cross-module-sql.md, statement 31): a
    // channel's consents must go to the audience of the store its objects go to.
    const mapping = await this.readSavedSalesChannels(ctx)
    const salesChannels = mapping?.sales_channels ?? null
    if (!row && !salesChannels) return { saved: null, stamp: mapping?.updated_at ? `mapping ${new Date(mapping.updated_at).toISOString()}` : null }
    const saved = row ? savedSettingsOf(row) : savedSettingsOf({})
    const stamps = [row ? new Date(row.updated_at).toISOString() : "-", mapping?.updated_at ? new Date(mapping.updated_at).toISOString() : "-"]
    return { saved: { ...saved, sales_channels: salesChannels }, stamp: stamps.join(" ") }
  }

  protected hasCommerceSettings_ = false

  protected async readSavedSalesChannels(
    ctx: Context
  ): Promise<{ sales_channels: PluginOptions["salesChannels"] | null; updated_at: Date | null } | undefined> {
    if (!this.hasCommerceSettings_) {
      const [table] = await this.sql(ctx).execute(HAS_COMMERCE_SETTINGS)
      if (!table?.ok) return undefined
      this.hasCommerceSettings_ = true
    }
    const [mapping] = await this.sql(ctx).execute(SAVED_SALES_CHANNELS)
    return mapping as { sales_channels: PluginOptions["salesChannels"] | null; updated_at: Date | null } | undefined
  }

  /** Saves the merchant's settings (null resets one to its option); answers the row before and after. */
  @InjectTransactionManager()
  async saveSettings(
    changes: Partial<SavedSettings>,
    @MedusaContext() ctx: Context = {}
  ): Promise<{ previous: SavedSettings | null; saved: SavedSettings }> {
    const [existing] = await this.listSettings({ id: STORE_SETTINGS_ID }, { take: 1 }, ctx)
    const previous = existing ? savedSettingsOf(existing) : null
    const data = {
      ...changes,
      merge_fields: changes.merge_fields as Record<string, unknown> | null | undefined,
      interest_categories: changes.interest_categories as Record<string, unknown> | null | undefined,
    }
    if (!existing) return { previous, saved: savedSettingsOf(await this.createSettings({ id: STORE_SETTINGS_ID, ...data }, ctx)) }
    // The json columns are replaced in SQL (sql/settings.ts): the ORM's update would merge them into the old ones.
    const { merge_fields, interest_categories, ...plain } = data
    const row = await this.updateSettings({ id: STORE_SETTINGS_ID, ...plain }, ctx)
    const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v))
    if (merge_fields !== undefined || interest_categories !== undefined) {
      await this.sql(ctx).execute(REPLACE_SETTINGS_JSON, [
        merge_fields !== undefined,
        json(merge_fields),
        interest_categories !== undefined,
        json(interest_categories),
        STORE_SETTINGS_ID,
      ])
    }
    const saved = savedSettingsOf({
      ...row,
      merge_fields: merge_fields === undefined ? previous!.merge_fields : merge_fields,
      interest_categories: interest_categories === undefined ? previous!.interest_categories : interest_categories,
    })
    return { previous, saved }
  }

  /** Records how a scheduled job's run went; one row per job, the newest run. */
  @InjectManager()
  async recordJobRun(
    run: { name: string; started_at: Date; finished_at: Date; outcome: "ok" | "failed"; result?: Record<string, unknown> | null; error?: string | null },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    const [existing] = await this.listJobRuns({ name: run.name }, { take: 1, select: ["id"] }, ctx)
    const data = {
      ...run,
      duration_ms: run.finished_at.getTime() - run.started_at.getTime(),
      result: run.result ?? null,
      error: run.error ?? null,
    }
    if (!existing) {
      await this.createJobRuns(data, ctx)
      return
    }
    await this.sql(ctx).execute(REPLACE_JOB_RUN, [
      data.started_at,
      data.finished_at,
      data.duration_ms,
      data.outcome,
      data.result === null ? null : JSON.stringify(data.result),
      data.error,
      existing.id,
    ])
  }

  /** The key that seals the newsletter choice the plugin writes into cart metadata (see newsletter-choice.ts). */
  getEvidenceKey(): Buffer {
    return this.evidenceKey_
  }

  getLogger(): Logger {
    return this.logger_
  }

  getClient(): MailchimpClient {
    return this.client_
  }

  /**
   * The audience's double opt-in setting and merge tags (the plugin's, or the one named), read from Mailchimp at most
   * every five minutes. The configured doubleOptIn wins over the audience's when it is true or false.
   */
  async getAudienceProfile(audienceId?: string): Promise<AudienceProfile> {
    return this.audience_.get(audienceId)
  }

  /** The audience a sales channel's consents go to (audience/channel-audience.ts). */
  audienceOfChannel(channelId: string | null | undefined): string {
    return audienceOfChannel(this.getOptions(), channelId)
  }

  /** The audience of a publishable key's sales channels: their one audience, else the plugin's. */
  audienceOfChannels(channelIds: readonly string[] | null | undefined): string {
    return audienceOfChannels(this.getOptions(), channelIds)
  }

  /**
   * The secrets a delivery may carry, for each audience the plugin uses (audience/channel-audience.ts, consentAudiences): the audience's
   * configured one (webhooks/webhook-url.ts), the secret of the URL registered in Mailchimp (it keeps sending there
   * until the webhook is updated) and, until its grace ends, the URL's before the last rotation. One read of the
   * registrations, cached 30 s: the ingest path reads no row per delivery.
   */
  async getWebhookSecretsByAudience(): Promise<Map<string, string[]>> {
    if (!this.webhookSecrets_ || Date.now() - this.webhookSecrets_.at > 30_000) {
      const audiences = consentAudiences(this.options_)
      const registrations = await this.listWebhookRegistrations({ audience_id: audiences })
      const now = Date.now()
      let at = now
      const value = new Map<string, string[]>()
      for (const audience of audiences) {
        const registration = registrations.find((r) => r.audience_id === audience)
        const secrets = [webhookSecretFor(this.options_, audience), webhookSecretOf(registration?.url)]
        const until = registration?.previous_url_until ? new Date(registration.previous_url_until).getTime() : 0
        if (until > now) {
          secrets.push(webhookSecretOf(registration?.previous_url))
          // Not cached past the grace's end.
          at = Math.min(at, until - 30_000)
        }
        value.set(audience, [...new Set(secrets.filter((s): s is string => !!s))])
      }
      this.webhookSecrets_ = { value, at }
    }
    return this.webhookSecrets_.value
  }

  forgetWebhookSecrets(): void {
    this.webhookSecrets_ = undefined
  }

  /** The interests and marketing permissions a shopper may choose with an opt-in (audience/opt-in-offer.ts). */
  async getOptInOffer(audienceId?: string): Promise<OptInOffer> {
    return this.optInOffer_.get(audienceId)
  }

  forgetAudienceProfile(): void {
    this.optInOffer_.forget()
    this.audience_.forget()
  }

  /** The work of each job kind (the processors, registered by src/queue); the worker runs them. */
  registerJobHandlers(handlers: JobHandlers): void {
    this.queue_.registerJobHandlers(handlers)
  }

  getQueue(): MailchimpQueue {
    return this.queue_
  }
}

function savedSettingsOf(row: Record<string, any>): SavedSettings {
  return {
    audience_id: row.audience_id ?? null,
    double_opt_in: row.double_opt_in ?? null,
    checkout_label: row.checkout_label ?? null,
    tags: row.tags ?? null,
    merge_fields: row.merge_fields ?? null,
    interest_categories: row.interest_categories ?? null,
    updated_by: row.updated_by ?? null,
    updated_at: row.updated_at ?? null,
  }
}

function changed(rows: Record<string, any>[]): Changed {
  return rows.length ? { applied: true, id: rows[0].id, customer_id: rows[0].customer_id } : { applied: false }
}

function resolveCookieSecret(deps: InjectedDependencies): string | undefined {
  try {
    return deps.configModule?.projectConfig?.http?.cookieSecret || undefined
  } catch {
    return undefined
  }
}

function resolveProjectRedisUrl(deps: InjectedDependencies): string | undefined {
  try {
    return deps.configModule?.projectConfig?.redisUrl || undefined
  } catch {
    return undefined
  }
}

export default MailchimpModuleService
