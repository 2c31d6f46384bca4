import type { Context, IModuleService, Logger } from "@medusajs/framework/types"
import type { AbstractModuleService, ModelConfigurationsToConfigTemplate } from "@medusajs/framework/utils"
import type { MailchimpClient } from "../mailchimp"
import type { Consent } from "../modules/mailchimp/models/consent"
import type { Erasure } from "../modules/mailchimp/models/erasure"
import type { JobRun } from "../modules/mailchimp/models/job-run"
import type { Member } from "../modules/mailchimp/models/member"
import type { Settings } from "../modules/mailchimp/models/settings"
import type { WebhookEvent } from "../modules/mailchimp/models/webhook-event"
import type { WebhookRegistration } from "../modules/mailchimp/models/webhook-registration"
import type { Choice } from "../modules/mailchimp/rules/list-management"
import type { ReconcileCursorState, ReconcilePage } from "../modules/mailchimp/sql/reconcile-walk"
import type {
  AudienceProfile,
  ClaimedWebhookEvent,
  ConsentFactRow,
  ConsentRow,
  ErasureRequest,
  IncomingWebhookEvent,
  MemberMove,
  MemberStatusChange,
  OptOutInput,
  WebhookStatusApplication,
} from "../modules/mailchimp/service"
import type { OptInOffer } from "../modules/mailchimp/audience/opt-in-offer"
import type { SavedSettings } from "../modules/mailchimp/settings/effective-options"
import type { PluginOptions } from "../options"
import type { JobHandlers, MailchimpQueue } from "../modules/mailchimp/queue-runtime/queue"

export type {
  AudienceProfile,
  ClaimedWebhookEvent,
  ConsentFactRow,
  ConsentRow,
  ErasureRequest,
  IncomingWebhookEvent,
  MemberMove,
  MemberStatusChange,
  OptOutInput,
  WebhookStatusApplication,
}

/** The list, listAndCount, retrieve, create, update and delete methods Medusa generates for the module's tables. */
type MailchimpTables = AbstractModuleService<
  ModelConfigurationsToConfigTemplate<{
    Consent: typeof Consent
    Member: typeof Member
    WebhookEvent: typeof WebhookEvent
    WebhookRegistration: typeof WebhookRegistration
    Erasure: typeof Erasure
    Settings: typeof Settings
    JobRun: typeof JobRun
  }>
>

export type MemberChange = { applied: boolean; id?: string; customer_id?: string | null }

/**
 * The core module's service (`MAILCHIMP_MODULE`) as routes, workflows, subscribers and processors use it;
 * src/modules/mailchimp/service.ts implements it.
 */
export interface IMailchimpModuleService extends IModuleService, MailchimpTables {
  /** Applies a status change unless the member already holds a newer one. */
  recordMemberStatus(change: MemberStatusChange, ctx?: Context): Promise<MemberChange>
  recordMemberProfile(input: { email: string; merge_fields: Record<string, unknown>; at: Date }, ctx?: Context): Promise<MemberChange>
  /** Moves a member to a new address; refused when the new address already has a member. */
  /** The member moves to the new address in its audience (default: the plugin's). */
  renameMember(input: { from: string; to: string; audience_id?: string }, ctx?: Context): Promise<MemberChange>
  noteInterestNames(input: { email: string; names: string; audience_id?: string }, ctx?: Context): Promise<boolean>
  recordMemberInterests(
    input: { audience_id: string; email_hash: string; interests: Record<string, boolean>; marketing_permissions: Record<string, boolean> },
    ctx?: Context
  ): Promise<boolean>
  /** Stores a delivery once; a repeat of the same body reports `duplicate`, unless it happened again. */
  storeWebhookEvent(event: IncomingWebhookEvent, ctx?: Context): Promise<{ id: string | null; duplicate: boolean }>
  /** Stores a delivery with the others of the same moment (group commit); settles once the group is committed. */
  ingestWebhookEvent(event: IncomingWebhookEvent): Promise<{ id: string | null; duplicate: boolean }>
  storeWebhookEvents(events: IncomingWebhookEvent[], ctx?: Context): Promise<{ id: string | null; duplicate: boolean }[]>
  /** The next page of stored deliveries to apply, leased to the caller. */
  claimWebhookEvents(input: { limit: number; leaseSeconds: number }, ctx?: Context): Promise<ClaimedWebhookEvent[]>
  settleWebhookEvent(input: { id: string; status: "applied" | "ignored"; outcome: string }, ctx?: Context): Promise<void>
  failWebhookEvent(input: { id: string; reason: string; maxAttempts: number }, ctx?: Context): Promise<void>
  countPendingWebhookEvents(before: Date, ctx?: Context): Promise<number>
  /** How long the apply may still hold back while deliveries keep arriving, in ms (0: apply now). */
  webhookApplyHoldMs(input: { quietSeconds: number; maxHoldSeconds: number }, ctx?: Context): Promise<number>
  /** A claimed status event applied and settled in one statement (member change, consent row, outcome). */
  applyWebhookStatus(input: WebhookStatusApplication, ctx?: Context): Promise<MemberChange>
  /** A claimed profile event's member update; one that changes nothing is settled "ignored" with it. */
  applyWebhookProfile(
    input: { event_id: string; email: string; merge_fields: Record<string, unknown>; at: Date; ignored: string; audience_id?: string },
    ctx?: Context
  ): Promise<MemberChange>
  /** Deliveries received, by type and by outcome, and when the last one came. */
  webhookEventStats(
    ctx?: Context
  ): Promise<{ by_type: Record<string, number>; by_status: Record<string, number>; last_received_at: Date | null }>
  getConsent(id: string, ctx?: Context): Promise<ConsentRow | null>
  consentsOfOrders(orderIds: string[], ctx?: Context): Promise<Map<string, { id: string; customer_id: string | null }>>
  /** Records the outcome of a consent's Mailchimp write; a field left out keeps its value (sync_error is cleared to null). */
  settleConsent(
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
    ctx?: Context
  ): Promise<void>
  /**
   * Per address (lower-cased): its latest consent's action and sync status, and its member's status. No audience:
   * the latest consent of any audience, the member of the plugin's; an audience: both of that one.
   */
  consentFacts(emails: string[], audienceId?: string, ctx?: Context): Promise<ConsentFactRow[]>
  /** The opt-ins and opt-outs recorded for an address in an audience (default: the plugin's), and its erasures. */
  choicesFor(email: string, audienceId?: string, ctx?: Context): Promise<Choice[]>
  /**
   * Records opt-outs, in the plugin's audience and in each sales channel's audience where the address is on the list
   * or has an opt-in waiting; every opt-in of those addresses still waiting for Mailchimp there becomes moot.
   */
  recordOptOuts(
    inputs: OptOutInput[],
    ctx?: Context
  ): Promise<{ consents: { id: string; customer_id: string | null }[]; superseded: string[] }>
  /** Flags the customer's members as changed; answers the ids flagged (none: nothing to sync). */
  markCustomerChanged(customerId: string, ctx?: Context): Promise<string[]>
  linkMemberToCustomer(input: { email: string; customer_id: string; customer_email: string | null; audience_id?: string }, ctx?: Context): Promise<boolean>
  /** The reconciler's pages of unfinished rows, each after its own cursor in Postgres (sql/reconcile-walk.ts). */
  unfinishedConsentPage(before: Date, now: Date, limit: number, ctx?: Context): Promise<ReconcilePage<{ id: string; action: string }>>
  unfinishedErasurePage(before: Date, limit: number, ctx?: Context): Promise<ReconcilePage<{ id: string }>>
  customersWithUnsyncedChanges(before: Date, limit: number, ctx?: Context): Promise<string[]>
  /** Where the reconciler's walks over this module's rows stand, by source (absent before its first run). */
  reconcileCursors(ctx?: Context): Promise<Record<string, ReconcileCursorState>>
  /** Records a customer sync; `dirty` when the customer changed again after `synced_at`. */
  finishCustomerSync(
    input: {
      member_id: string
      customer_email: string
      merge_fields: Record<string, unknown> | null
      group_tags: string[]
      synced_at: Date
    },
    ctx?: Context
  ): Promise<{ dirty: boolean }>
  /** After Mailchimp moved a member to a new address: the row, and the customer's consents, follow. */
  moveMember(input: MemberMove, ctx?: Context): Promise<void>
  linkedMembersPage(
    afterId: string,
    limit: number,
    ctx?: Context
  ): Promise<{ id: string; customer_id: string; group_tags: string[] | null }[]>
  /** Removes what the module holds about the addresses; leaves one erasure row (the hash only) per address and audience. */
  recordErasure(
    request: ErasureRequest,
    ctx?: Context
  ): Promise<{
    erasure_ids: string[]
    addresses: string[]
    removed_links: { customer_id: string; consent_id: string }[]
    removed: Record<string, number>
  }>
  /** A delivery about an erased address: ignored and emptied (its fingerprint stays, so a retry is recognised). */
  emptyWebhookEvent(id: string, ctx?: Context): Promise<void>
  /** The addresses among these that were erased and not opted in again since, with when. */
  erasedSince(emails: string[], ctx?: Context): Promise<Map<string, Date>>
  /** Mailchimp confirmed (or refused) an erasure. */
  finishErasure(
    id: string,
    result: {
      status: "done" | "failed"
      outcome?: string | null
      error?: Record<string, unknown> | null
      receipt?: Record<string, unknown> | null
    },
    ctx?: Context
  ): Promise<void>
  /** The effective options; the saved settings are read again when older than 30 s, in the background. */
  getOptions(): PluginOptions
  /** The options as medusa-config gives them, before the saved settings. */
  getConfiguredOptions(): PluginOptions
  /** The settings row as saved in the admin (null: nothing saved, the options apply). */
  getSavedSettings(): SavedSettings | null
  /** Reads the saved settings now: at start, after a save, and every 30 s through getOptions. */
  refreshSettings(): Promise<PluginOptions>
  /** Saves the merchant's settings (null resets one to its option); answers the row before and after. */
  saveSettings(changes: Partial<SavedSettings>, ctx?: Context): Promise<{ previous: SavedSettings | null; saved: SavedSettings }>
  /** Records how a scheduled job's run went; one row per job, the newest run. */
  recordJobRun(
    run: {
      name: string
      started_at: Date
      finished_at: Date
      outcome: "ok" | "failed"
      result?: Record<string, unknown> | null
      error?: string | null
    },
    ctx?: Context
  ): Promise<void>
  /** The key that seals the newsletter choice the plugin writes into cart metadata (see newsletter-choice.ts). */
  getEvidenceKey(): Buffer
  getLogger(): Logger
  getClient(): MailchimpClient
  /** An audience's (default: the plugin's) double opt-in setting and merge tags, read at most every five minutes. */
  getAudienceProfile(audienceId?: string): Promise<AudienceProfile>
  /** The audience a sales channel's consents and members go to: its mapping's `audienceId`, else the plugin's. */
  audienceOfChannel(channelId: string | null | undefined): string
  /** The audience of a publishable key's sales channels: the one their mappings share, else the plugin's. */
  audienceOfChannels(channelIds: readonly string[] | null | undefined): string
  /** Per audience the plugin uses: the secrets its deliveries may carry (configured, registered, previous in grace). */
  getWebhookSecretsByAudience(): Promise<Map<string, string[]>>
  forgetWebhookSecrets(): void
  forgetAudienceProfile(): void
  /** The interest categories (the merchant's choice) and GDPR fields a shopper may choose from; cached 5 min. */
  getOptInOffer(audienceId?: string): Promise<OptInOffer>
  /** The work of each job kind (src/queue registers the processors); the worker runs them. */
  registerJobHandlers(handlers: JobHandlers): void
  getQueue(): MailchimpQueue
}
