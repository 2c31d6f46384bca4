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
  CONSENT_FACTS,
  DROP_MEMBER_AT,
  FINISH_CUSTOMER_SYNC,
  LINK_MEMBER_TO_CUSTOMER,
  LINKED_MEMBERS_PAGE,
  MARK_CUSTOMER_CHANGED,
  MEMBERS_WITH_CUSTOMER_CHANGES,
  MOVE_CUSTOMER_CONSENTS,
  MOVE_MEMBER,
  SCRUB_WEBHOOK_EVENTS,
  SUPERSEDE_PENDING_OPT_INS,
} from "./sql/list-management"
import { Choice, erasureHistory } from "./rules/list-management"
import { happenedAgain, occurrenceFingerprint, PriorEvent } from "./webhooks/repeat"
import { MailchimpClient, subscriberHash } from "../../mailchimp"
import { parsePluginOptions, PluginOptions } from "../../options"
import { MailchimpQueue } from "../../queue/queue"
import { Consent } from "./models/consent"
import { Member } from "./models/member"
import { WebhookEvent } from "./models/webhook-event"
import { WebhookRegistration } from "./models/webhook-registration"
import { Erasure } from "./models/erasure"
import { Settings } from "./models/settings"
import { JobRun } from "./models/job-run"
import { effectiveOptions, SavedSettings, STORE_SETTINGS_ID } from "./settings/effective-options"

type InjectedDependencies = {
  logger: Logger
  configModule?: { projectConfig?: { redisUrl?: string } }
}

export type ConsentRow = InferTypeOf<typeof Consent>
export type ConsentFactRow = { email: string; action: string | null; sync_status: string | null; member_status: string | null }
export type AudienceProfile = { id: string; name: string; doubleOptIn: boolean; mergeTags: Set<string> }

/** Occurrences of one body within one second that are stored apart (see webhooks/repeat.ts). */
const MAX_OCCURRENCES = 5
const AUDIENCE_CACHE_MS = 5 * 60_000
const SETTINGS_CACHE_MS = 30_000

export type MemberStatusChange = {
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

class MailchimpModuleService extends MedusaService({ Consent, Member, WebhookEvent, WebhookRegistration, Erasure, Settings, JobRun }) {
  // The plugin options with the merchant's saved settings over them (see refreshSettings).
  protected options_: PluginOptions
  protected readonly baseOptions_: PluginOptions
  protected saved_: SavedSettings | null = null
  protected settingsReadAt_ = 0
  protected settingsStamp_?: string | null
  protected settingsRefresh_?: Promise<PluginOptions>
  protected readonly logger_: Logger
  protected readonly isWorker_: boolean
  protected client_?: MailchimpClient
  protected queue_?: MailchimpQueue
  protected audience_?: { value: Promise<AudienceProfile>; at: number }
  protected signingSecret_?: { value: string | null; at: number }

  constructor(deps: InjectedDependencies, options: Record<string, unknown>, moduleDeclaration?: ModuleDeclaration) {
    // @ts-ignore MedusaService takes the same arguments
    super(...arguments)
    this.logger_ = deps.logger
    this.baseOptions_ = parsePluginOptions(options ?? {}, resolveProjectRedisUrl(deps))
    this.options_ = this.baseOptions_
    this.isWorker_ = (moduleDeclaration?.worker_mode ?? "shared") !== "server"
  }

  __hooks = {
    onApplicationStart: async () => {
      await this.refreshSettings().catch((e) =>
        this.logger_.warn(`medusa-mailchimp: could not read the saved settings, using the options: ${e.message}`)
      )
      if (this.isWorker_) {
        await this.getQueue().startWorker(this)
      }
    },
    onApplicationPrepareShutdown: async () => {
      await this.queue_?.stopWorker()
    },
    onApplicationShutdown: async () => {
      await this.queue_?.close()
      await this.client_?.close()
    },
  }

  /** Applies a status change unless the member already holds a newer one. */
  @InjectManager()
  async recordMemberStatus(change: MemberStatusChange, @MedusaContext() ctx: Context = {}): Promise<Changed> {
    const rows = await this.sql(ctx).execute(UPSERT_MEMBER_STATUS, [
      generateEntityId(undefined, "mcm"),
      this.options_.audienceId,
      change.email.trim().toLowerCase(),
      change.customer_id ?? null,
      change.status,
      change.at,
      change.source,
      change.reason ?? null,
      change.campaign_id ?? null,
      change.merge_fields ? JSON.stringify(change.merge_fields) : null,
    ])
    const result = changed(rows)
    // Segments hold subscribed, consented members only: the address's segments are re-evaluated. Without
    // a segment there is nothing to re-evaluate (the statement says whether there is one, in the same
    // round trip); a segment created later is evaluated in full then.
    if (result.applied && rows[0].any_segment) {
      await this.getQueue().enqueue("segments.email.refresh", { email: change.email.trim().toLowerCase() }, { delayMs: 1_000 })
    }
    return result
  }

  @InjectManager()
  async recordMemberProfile(
    input: { email: string; merge_fields: Record<string, unknown>; at: Date },
    @MedusaContext() ctx: Context = {}
  ): Promise<Changed> {
    const email = input.email.trim().toLowerCase()
    const rows = await this.sql(ctx).execute(UPDATE_MEMBER_PROFILE, [
      JSON.stringify(input.merge_fields),
      input.at,
      this.options_.audienceId,
      email,
      input.at,
    ])
    return changed(rows)
  }

  /** Moves a member to a new address; refused when the new address already has a member. */
  @InjectManager()
  async renameMember(input: { from: string; to: string }, @MedusaContext() ctx: Context = {}): Promise<Changed> {
    const from = input.from.trim().toLowerCase()
    const to = input.to.trim().toLowerCase()
    const audience = this.options_.audienceId
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
      id,
    ])
  }

  /** Per address (lower-cased): its latest consent's action and sync status, and its member's status. */
  @InjectManager()
  async consentFacts(emails: string[], @MedusaContext() ctx: Context = {}): Promise<ConsentFactRow[]> {
    if (!emails.length) return []
    return this.sql(ctx).execute(CONSENT_FACTS, [JSON.stringify(emails), this.options_.audienceId])
  }

  /** The opt-ins and opt-outs recorded for an address, and its erasures: what the ordering rules read. */
  @InjectManager()
  async choicesFor(email: string, @MedusaContext() ctx: Context = {}): Promise<Choice[]> {
    const address = email.trim().toLowerCase()
    const audience = this.options_.audienceId
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
    const superseded = await this.sql(ctx).execute(SUPERSEDE_PENDING_OPT_INS, [reason, audience, emails])
    const created = await this.createConsents(
      inputs.map((i) => ({
        email: i.email.trim().toLowerCase(),
        customer_id: i.customer_id ?? null,
        customer_email: i.customer_email ?? null,
        audience_id: audience,
        action: "opt_out" as const,
        source: i.source,
        evidence: i.evidence,
        requested_status: "unsubscribed",
      })),
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
    input: { email: string; customer_id: string; customer_email: string | null },
    @MedusaContext() ctx: Context = {}
  ): Promise<boolean> {
    const rows = await this.sql(ctx).execute(LINK_MEMBER_TO_CUSTOMER, [
      input.customer_id,
      input.customer_email?.trim().toLowerCase() ?? null,
      this.options_.audienceId,
      input.email.trim().toLowerCase(),
    ])
    return rows.length > 0
  }

  @InjectManager()
  async customersWithUnsyncedChanges(before: Date, limit: number, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    const rows = await this.sql(ctx).execute(MEMBERS_WITH_CUSTOMER_CHANGES, [this.options_.audienceId, before, limit])
    return rows.map((r: any) => r.customer_id)
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
  @InjectTransactionManager()
  async recordErasure(
    request: ErasureRequest,
    @MedusaContext() ctx: Context = {}
  ): Promise<{ erasure_ids: string[]; addresses: string[]; removed_links: { customer_id: string; consent_id: string }[] }> {
    const audience = this.options_.audienceId
    const emails = new Set(request.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))
    const byCustomer = request.customer_id ? { customer_id: request.customer_id } : null
    if (byCustomer) {
      for (const m of await this.listMembers(byCustomer, { select: ["email"] }, ctx)) emails.add(m.email)
      for (const c of await this.listConsents(byCustomer, { select: ["email"] }, ctx)) emails.add(c.email)
    }
    if (!emails.size) return { erasure_ids: [], addresses: [], removed_links: [] }
    const addresses = [...emails]
    const consents = await this.listConsents({ audience_id: audience, email: addresses }, {}, ctx)
    const members = await this.listMembers({ audience_id: audience, email: addresses }, { select: ["id"] }, ctx)
    const keep = this.options_.erasureRecord === "hashed"
    const now = new Date()
    const erasures = await this.createErasures(
      addresses.map((email) => ({
        audience_id: audience,
        subscriber_hash: subscriberHash(email),
        mode: request.mode ?? this.options_.erasure,
        trigger: request.trigger,
        requested_by: request.requested_by ?? null,
        requested_at: now,
        history: keep ? (erasureHistory(consents.filter((c) => c.email === email)) as unknown as Record<string, unknown>) : null,
      })),
      ctx
    )
    if (consents.length) await this.deleteConsents(consents.map((c) => c.id), ctx)
    if (members.length) await this.deleteMembers(members.map((m) => m.id), ctx)
    await this.sql(ctx).execute(SCRUB_WEBHOOK_EVENTS, [addresses])
    return {
      erasure_ids: erasures.map((e) => e.id),
      addresses,
      removed_links: consents
        .filter((c) => c.customer_id)
        .map((c) => ({ customer_id: c.customer_id as string, consent_id: c.id })),
    }
  }

  /** Mailchimp confirmed (or refused) an erasure; with erasureRecord "none" nothing of it stays. */
  @InjectManager()
  async finishErasure(
    id: string,
    result: { status: "done" | "failed"; outcome?: string | null; error?: Record<string, unknown> | null },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    if (result.status === "done" && this.options_.erasureRecord === "none") {
      await this.deleteErasures(id, ctx)
      return
    }
    await this.updateErasures(
      {
        id,
        status: result.status,
        outcome: result.outcome ?? null,
        error: result.error ?? null,
        erased_at: result.status === "done" ? new Date() : null,
      },
      ctx
    )
  }

  protected sql(ctx: Context): SqlEntityManager {
    return (ctx.transactionManager ?? ctx.manager) as SqlEntityManager
  }

  /** The effective options; the saved settings are read again when older than 30 s, in the background. */
  getOptions(): PluginOptions {
    if (Date.now() - this.settingsReadAt_ > SETTINGS_CACHE_MS) {
      void this.refreshSettings().catch(() => undefined)
    }
    return this.options_
  }

  /** The options as medusa-config gives them, before the saved settings. */
  getConfiguredOptions(): PluginOptions {
    return this.baseOptions_
  }

  /** The settings row as saved in the admin (null: nothing saved, the options apply). */
  getSavedSettings(): SavedSettings | null {
    return this.saved_
  }

  /** Reads the saved settings now: at start, after a save, and every 30 s through getOptions. */
  async refreshSettings(): Promise<PluginOptions> {
    this.settingsReadAt_ = Date.now()
    this.settingsRefresh_ ??= this.readSettings().finally(() => (this.settingsRefresh_ = undefined))
    return this.settingsRefresh_
  }

  protected async readSettings(): Promise<PluginOptions> {
    const [row] = await this.listSettings({ id: STORE_SETTINGS_ID }, { take: 1 })
    const saved = row ? savedSettingsOf(row) : null
    const stamp = row ? new Date(row.updated_at).toISOString() : null
    this.saved_ = saved
    this.options_ = effectiveOptions(this.baseOptions_, saved)
    if (stamp !== this.settingsStamp_) {
      // Another audience or double opt-in rule: what was read from Mailchimp no longer applies.
      this.settingsStamp_ = stamp
      this.forgetAudienceProfile()
      this.forgetWebhookSigningSecret()
    }
    return this.options_
  }

  /** Saves the merchant's settings (null resets one to its option); answers the row before and after. */
  @InjectTransactionManager()
  async saveSettings(
    changes: Partial<SavedSettings>,
    @MedusaContext() ctx: Context = {}
  ): Promise<{ previous: SavedSettings | null; saved: SavedSettings }> {
    const [existing] = await this.listSettings({ id: STORE_SETTINGS_ID }, { take: 1 }, ctx)
    const data = { ...changes, merge_fields: changes.merge_fields as Record<string, unknown> | null | undefined }
    const row = existing
      ? await this.updateSettings({ id: STORE_SETTINGS_ID, ...data }, ctx)
      : await this.createSettings({ id: STORE_SETTINGS_ID, ...data }, ctx)
    return { previous: existing ? savedSettingsOf(existing) : null, saved: savedSettingsOf(row) }
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
    if (existing) await this.updateJobRuns({ id: existing.id, ...data }, ctx)
    else await this.createJobRuns(data, ctx)
  }

  getLogger(): Logger {
    return this.logger_
  }

  getClient(): MailchimpClient {
    this.client_ ??= new MailchimpClient({
      apiKey: this.options_.apiKey,
      apiUrl: this.options_.apiUrl,
      permits: this.getQueue().callPermits(),
    })
    return this.client_
  }

  /**
   * The audience's double opt-in setting and merge tags, read from Mailchimp at most every five
   * minutes. The configured doubleOptIn wins over the audience's when it is true or false.
   */
  async getAudienceProfile(): Promise<AudienceProfile> {
    if (!this.audience_ || Date.now() - this.audience_.at > AUDIENCE_CACHE_MS) {
      const value = this.readAudienceProfile()
      this.audience_ = { value, at: Date.now() }
      value.catch(() => (this.audience_ = undefined))
    }
    return this.audience_.value
  }

  /** The secret Mailchimp signs deliveries with, if the webhook was registered with signing; cached 30 s. */
  async getWebhookSigningSecret(): Promise<string | null> {
    if (!this.signingSecret_ || Date.now() - this.signingSecret_.at > 30_000) {
      const [registration] = await this.listWebhookRegistrations({ audience_id: this.options_.audienceId }, { take: 1 })
      this.signingSecret_ = { value: registration?.signing_secret ?? null, at: Date.now() }
    }
    return this.signingSecret_.value
  }

  forgetWebhookSigningSecret(): void {
    this.signingSecret_ = undefined
  }

  forgetAudienceProfile(): void {
    this.audience_ = undefined
  }

  protected async readAudienceProfile(): Promise<AudienceProfile> {
    const client = this.getClient()
    const { audienceId, doubleOptIn } = this.options_
    const list = await client.lists.getList(audienceId)
    const fields = await client.mergeFields.list(audienceId, { count: 1000 })
    return {
      id: list.id,
      name: list.name,
      doubleOptIn: doubleOptIn === "audience" ? !!list.double_optin : doubleOptIn,
      mergeTags: new Set(fields.merge_fields.map((f) => f.tag)),
    }
  }

  getQueue(): MailchimpQueue {
    this.queue_ ??= new MailchimpQueue(this.options_, this.logger_)
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
    updated_by: row.updated_by ?? null,
    updated_at: row.updated_at ?? null,
  }
}

function changed(rows: Record<string, any>[]): Changed {
  return rows.length ? { applied: true, id: rows[0].id, customer_id: rows[0].customer_id } : { applied: false }
}

function resolveProjectRedisUrl(deps: InjectedDependencies): string | undefined {
  try {
    return deps.configModule?.projectConfig?.redisUrl || undefined
  } catch {
    return undefined
  }
}

export default MailchimpModuleService
