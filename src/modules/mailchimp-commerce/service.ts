import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context, Logger } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { parseCommerceOptions, CommerceOptions } from "./options"
import { SettingsCache } from "../mailchimp/settings/cache"
import { COMMERCE_SETTINGS_ID, effectiveCommerceOptions, type SavedCommerceSettings } from "./settings/saved-mapping"
import { entityIds } from "./backfill/entity-ids"
import type { PurchaseOrderRow } from "./mapping/purchase"
import type { ProfileFigures } from "./mapping/merge-values"
import { BackfillBatch } from "./models/backfill-batch"
import { BackfillRun } from "./models/backfill-run"
import { BackfillTask } from "./models/backfill-task"
import { CommerceCart } from "./models/commerce-cart"
import { CommerceSettings } from "./models/commerce-settings"
import { CommerceSync } from "./models/commerce-sync"
import { PurchaseOrder } from "./models/purchase-order"
import { PurchaseProfile } from "./models/purchase-profile"
import { ReconcileCursor } from "./models/reconcile-cursor"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import {
  CLEAR_PURCHASES,
  DELETE_ORPHAN_PROFILES,
  DELETE_ORPHAN_PROFILES_COUNTED,
  PROFILE_FIGURES_OF,
  REFRESH_ALL_PROFILES,
  REFRESH_ALL_PROFILES_COUNTED,
  REFRESH_PROFILES_OF,
  UPSERT_PURCHASE_ORDERS,
} from "./sql/purchase"
import { REPLACE_PURCHASE_ITEMS } from "./sql/purchase-items"
import {
  COMPLETE_SYNC,
  GET_SYNC,
  NOTE_SYNC_ATTEMPT,
  RECORD_BATCH_RESULTS,
  REMOTE_EXISTING,
  REQUEST_SYNC,
  SET_REMOTE_EXISTS,
  FORGET_STORE_OBJECTS,
  MERGE_ADDRESS_OF,
  SYNC_STATUS_COUNTS,
} from "./sql/sync"
import {
  DELETE_PURCHASE_ORDERS,
  DELETE_PURCHASE_PROFILES,
  DELETE_SYNC_ROWS,
  FORGET_CART_LINES_SENT,
  ORDERS_OF_BUYERS,
  SCRUB_BACKFILL_BATCHES,
  SCRUB_BACKFILL_CURSORS,
} from "./sql/erasure"
import {
  CART_FIGURES,
  CARTS_OF_ORDERS,
  COMPLETE_CART,
  EXPIRED_CARTS,
  GET_CART,
  RECORD_RECOVERY,
  REQUEST_CART_DELETE,
  REQUEST_CART_SYNC,
  SET_CART_SOURCE,
  SET_LINES_SENT,
} from "./sql/carts"
import { SAVE_COMMERCE_SETTINGS } from "./sql/settings"
import { PENDING_SYNCS } from "./sql/reconcile"
import { nextUnfinishedPage, reconcileCursors } from "../mailchimp/sql/reconcile-walk"
import { ADVANCE_TASK, BATCH_PROGRESS, FINISH_BATCH, FINISH_TASK, STALE_RUNS, STALE_TASKS, TOUCH_RUN } from "./sql/backfill"

type InjectedDependencies = { logger: Logger }

function savedCommerceSettingsOf(row: { sales_channels: unknown; updated_by: string | null; updated_at: Date | string }): SavedCommerceSettings {
  return { sales_channels: (row.sales_channels as SavedCommerceSettings["sales_channels"]) ?? null, updated_by: row.updated_by, updated_at: row.updated_at }
}

export type SyncObjectType = "store" | "product" | "customer" | "order" | "merge" | "cart" | "promo"
export type SyncRef = { object_type: SyncObjectType; object_id: string; revision: number }
export type SyncOutcome = {
  status: "synced" | "failed" | "skipped"
  remote_exists: boolean
  error?: Record<string, unknown> | null
  note?: string | null
  payload_hash?: string | null
}
export type BatchResultRow = {
  object_id: string
  status: "synced" | "failed" | "skipped"
  remote_exists: boolean
  error?: Record<string, unknown> | null
  note?: string | null
}
export type CommerceSyncRow = {
  id: string
  object_type: SyncObjectType
  object_id: string
  action: "upsert" | "delete"
  status: "pending" | "synced" | "failed" | "skipped"
  remote_exists: boolean
  requested_at: Date
  revision: number
  synced_at: Date | null
  attempts: number
  error: Record<string, unknown> | null
  note: string | null
  payload_hash: string | null
  backfill_run_id: string | null
}
export type CommerceCartRow = {
  cart_id: string
  completed_at: Date | null
  order_id: string | null
  campaign_id: string | null
  landing_site: string | null
  lines_sent: Record<string, string> | null
  recovered_at: Date | null
  recovery_uses: number
}
/** The cart an order was placed from, and where its shopper came from. */
export type OrderCart = Pick<CommerceCartRow, "cart_id" | "campaign_id" | "landing_site">
export type CartFigures = { in_mailchimp: number; pending: number; recovered: number; recovered_revenue: number; currency_code: string | null }
export type BackfillKind = "products" | "customers" | "orders" | "merge_fields"
export type BatchKind = BackfillKind | "members"

class MailchimpCommerceService extends MedusaService({
  PurchaseOrder,
  PurchaseProfile,
  CommerceSync,
  BackfillRun,
  BackfillTask,
  BackfillBatch,
  CommerceCart,
  CommerceSettings,
  ReconcileCursor,
})
  implements IMailchimpCommerceService
{
  // The options with the merchant's saved sales channel mapping over them (the core module's cache, read alike).
  protected readonly settings_: SettingsCache<CommerceOptions, SavedCommerceSettings>
  protected readonly logger_: Logger
  protected mergeFieldsCheckedAt_ = 0
  protected firstRead_?: Promise<unknown>

  constructor(deps: InjectedDependencies, options: Record<string, unknown>) {
    // @ts-ignore MedusaService takes the same arguments
    super(...arguments)
    this.logger_ = deps.logger
    this.settings_ = new SettingsCache(parseCommerceOptions(options ?? {}), () => this.readCommerceSettings(), () => undefined, effectiveCommerceOptions)
  }

  __hooks = {
    onApplicationStart: async () => {
      await this.commerceSettingsRead()
    },
  }

  /** The effective options (the saved mapping over the option); the row is read again when older than 30 s. */
  getOptions(): CommerceOptions {
    return this.settings_.options()
  }

  /** The options as medusa-config gives them, before the saved mapping. */
  getConfiguredOptions(): CommerceOptions {
    return this.settings_.configured()
  }

  /** The row as saved in the admin (null: nothing saved, the options apply). */
  getSavedCommerceSettings(): SavedCommerceSettings | null {
    return this.settings_.saved()
  }

  /** Reads the saved row now: after a save here, at start, and every 30 s through getOptions. */
  async refreshCommerceSettings(): Promise<CommerceOptions> {
    return this.settings_.refresh()
  }

  /**
   * Resolves once the saved row was read once in this process (the jobs wait for it: a job run before would route
   * by the option alone). A failed read leaves the options in force, and says so.
   */
  async commerceSettingsRead(): Promise<void> {
    this.firstRead_ ??= this.settings_.refresh().catch((e) =>
      this.logger_.warn(`medusa-mailchimp: could not read the saved sales channel mapping, using the options: ${e.message}`)
    )
    await this.firstRead_
  }

  /** Saves the sales channel mapping (null: back to the option); answers the row before and after. */
  @InjectTransactionManager()
  async saveCommerceSettings(
    changes: { sales_channels: SavedCommerceSettings["sales_channels"]; updated_by: string | null },
    @MedusaContext() ctx: Context = {}
  ): Promise<{ previous: SavedCommerceSettings | null; saved: SavedCommerceSettings }> {
    const [existing] = await this.listCommerceSettings({ id: COMMERCE_SETTINGS_ID }, { take: 1 }, ctx)
    const previous = existing ? savedCommerceSettingsOf(existing) : null
    // The json column is replaced in SQL: the ORM's update would merge the new mapping into the old one.
    await this.sql(ctx).execute(SAVE_COMMERCE_SETTINGS, [
      COMMERCE_SETTINGS_ID,
      changes.sales_channels ? JSON.stringify(changes.sales_channels) : null,
      changes.updated_by,
    ])
    return { previous, saved: { sales_channels: changes.sales_channels, updated_by: changes.updated_by } }
  }

  protected async readCommerceSettings(): Promise<{ saved: SavedCommerceSettings | null; stamp: string | null }> {
    const [row] = await this.listCommerceSettings({ id: COMMERCE_SETTINGS_ID }, { take: 1 })
    return { saved: row ? savedCommerceSettingsOf(row) : null, stamp: row ? new Date(row.updated_at).toISOString() : null }
  }

  getLogger(): Logger {
    return this.logger_
  }

  /** Whether the audience was seen holding the purchase merge fields in the last five minutes. */
  mergeFieldsFresh(): boolean {
    return Date.now() - this.mergeFieldsCheckedAt_ < 5 * 60_000
  }

  markMergeFieldsChecked(): void {
    this.mergeFieldsCheckedAt_ = Date.now()
  }

  // ---- purchases and profiles ----

  /** Replaces the purchase rows of these orders and their items; answers every email whose profile may have changed. */
  @InjectTransactionManager()
  async upsertPurchaseOrders(rows: PurchaseOrderRow[], @MedusaContext() ctx: Context = {}): Promise<string[]> {
    if (!rows.length) return []
    const ids = entityIds("mcpo", rows.length)
    const input = rows.map((r, i) => ({ id: ids[i], ...r }))
    const result = await this.sql(ctx).execute(UPSERT_PURCHASE_ORDERS, [JSON.stringify(input)])
    await this.sql(ctx).execute(REPLACE_PURCHASE_ITEMS, [JSON.stringify(rows.map((r) => r.order_id))])
    return result.map((r: { email: string }) => r.email)
  }

  /** Recomputes these buyers' profiles from their purchase rows; answers the emails whose profile changed. */
  @InjectManager()
  async refreshProfiles(emails: string[], currencyCode: string, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    if (!emails.length) return []
    const currency = currencyCode.toLowerCase()
    const targets = JSON.stringify([...new Set(emails)])
    // Only these emails can have lost their last row here; refreshAllProfiles sweeps every profile.
    const changed = await this.sql(ctx).execute(REFRESH_PROFILES_OF, [targets, currency, currency])
    return changed.map((r: { email: string }) => r.email)
  }

  /** The figures the purchase merge fields show for one buyer; null when they have no profile. */
  @InjectManager()
  async getProfileFigures(email: string, @MedusaContext() ctx: Context = {}): Promise<ProfileFigures | null> {
    const [row] = (await this.sql(ctx).execute(PROFILE_FIGURES_OF, [email])) as ProfileFigures[]
    return row ?? null
  }

  /** Recomputes every profile; answers how many changed. */
  @InjectManager()
  async refreshAllProfiles(currencyCode: string, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    const currency = currencyCode.toLowerCase()
    const changed = await this.sql(ctx).execute(REFRESH_ALL_PROFILES, [currency, currency])
    const removed = await this.sql(ctx).execute(DELETE_ORPHAN_PROFILES)
    return [...changed, ...removed].map((r: { email: string }) => r.email)
  }

  /**
   * Recomputes every profile, as refreshAllProfiles, answering only how many changed: the backfill's end, which
   * needs no address, at a size where the addresses would be a million strings in the worker.
   */
  @InjectManager()
  async refreshAllProfilesCounted(currencyCode: string, @MedusaContext() ctx: Context = {}): Promise<number> {
    const currency = currencyCode.toLowerCase()
    const [{ changed }] = await this.sql(ctx).execute(REFRESH_ALL_PROFILES_COUNTED, [currency, currency])
    const [{ dropped }] = await this.sql(ctx).execute(DELETE_ORPHAN_PROFILES_COUNTED)
    return changed + dropped
  }

  @InjectTransactionManager()
  async clearPurchases(@MedusaContext() ctx: Context = {}): Promise<void> {
    for (const statement of CLEAR_PURCHASES) await this.sql(ctx).execute(statement)
  }

  // ---- sync state ----

  /** Marks objects as wanting a write; answers each with the revision its job must complete. */
  @InjectManager()
  async requestSync(
    items: { object_type: SyncObjectType; object_id: string; action?: "upsert" | "delete" }[],
    @MedusaContext() ctx: Context = {}
  ): Promise<SyncRef[]> {
    if (!items.length) return []
    const input = items.map((i) => ({
      id: generateEntityId(undefined, "mccs"),
      object_type: i.object_type,
      object_id: i.object_id,
      action: i.action ?? "upsert",
    }))
    return this.sql(ctx).execute(REQUEST_SYNC, [JSON.stringify(input)])
  }

  // The live path's hot reads are plain SQL: an ORM find costs about ten times more CPU.
  @InjectManager()
  async getSync(objectType: SyncObjectType, objectId: string, @MedusaContext() ctx: Context = {}): Promise<CommerceSyncRow | null> {
    const [row] = (await this.sql(ctx).execute(GET_SYNC, [objectType, objectId])) as CommerceSyncRow[]
    return row ?? null
  }

  /** Ends a write; false when a newer change came in meanwhile (the caller queues a follow-up). */
  @InjectManager()
  async completeSync(ref: SyncRef, outcome: SyncOutcome, @MedusaContext() ctx: Context = {}): Promise<boolean> {
    const rows = await this.sql(ctx).execute(COMPLETE_SYNC, [
      outcome.status,
      outcome.remote_exists,
      outcome.error ? JSON.stringify(outcome.error) : null,
      outcome.note ?? null,
      outcome.payload_hash ?? null,
      ref.object_type,
      ref.object_id,
      ref.revision,
    ])
    return rows.length > 0
  }

  @InjectManager()
  async noteSyncAttempt(
    objectType: SyncObjectType,
    objectId: string,
    error: Record<string, unknown>,
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await this.sql(ctx).execute(NOTE_SYNC_ATTEMPT, [JSON.stringify(error), objectType, objectId])
  }

  @InjectManager()
  async setRemoteExists(
    objectType: SyncObjectType,
    objectIds: string[],
    exists: boolean,
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    for (const id of objectIds) {
      await this.sql(ctx).execute(SET_REMOTE_EXISTS, [exists, objectType, id])
    }
  }

  /**
   * Mailchimp no longer has the store (deleted there, or another account): neither the store nor, since a store's
   * deletion takes them along, any of its customers, products, orders, promo rules and carts is held. The store is
   * to be connected again.
   */
  @InjectManager()
  async forgetRemoteStore(storeId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await this.sql(ctx).execute(SET_REMOTE_EXISTS, [false, "store", storeId])
    await this.forgetStoreObjects(ctx)
    await this.requestSync([{ object_type: "store", object_id: storeId }], ctx)
  }

  /** Mailchimp holds none of the store's customers, products, orders, promo rules and carts (the store was created anew). */
  @InjectManager()
  async forgetStoreObjects(@MedusaContext() ctx: Context = {}): Promise<void> {
    await this.sql(ctx).execute(FORGET_STORE_OBJECTS, [])
  }

  /** Which of these objects Mailchimp is known to hold. */
  async remoteExisting(objectType: SyncObjectType, objectIds: string[], ctx: Context = {}): Promise<Set<string>> {
    const known = await this.remoteExistingOf({ [objectType]: objectIds }, ctx)
    return known[objectType] ?? new Set()
  }

  /** Which of these objects, of several types, Mailchimp is known to hold: one statement for all. */
  @InjectManager()
  async remoteExistingOf(
    idsByType: Partial<Record<SyncObjectType, string[]>>,
    @MedusaContext() ctx: Context = {}
  ): Promise<Partial<Record<SyncObjectType, Set<string>>>> {
    const refs = Object.entries(idsByType).flatMap(([object_type, ids]) => [...new Set(ids)].map((object_id) => ({ object_type, object_id })))
    const known: Partial<Record<SyncObjectType, Set<string>>> = {}
    for (const type of Object.keys(idsByType) as SyncObjectType[]) known[type] = new Set()
    if (!refs.length) return known
    const rows = await this.sql(ctx).execute(REMOTE_EXISTING, [JSON.stringify(refs)])
    for (const r of rows as { object_type: SyncObjectType; object_id: string }[]) known[r.object_type]!.add(r.object_id)
    return known
  }

  @InjectManager()
  async recordBatchResults(
    objectType: SyncObjectType,
    runId: string | null,
    submittedAt: Date,
    results: BatchResultRow[],
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    for (let i = 0; i < results.length; i += 2_000) {
      const slice = results.slice(i, i + 2_000)
      const ids = entityIds("mccs", slice.length)
      const chunk = slice.map((r, n) => ({ id: ids[n], ...r }))
      await this.sql(ctx).execute(RECORD_BATCH_RESULTS, [JSON.stringify(chunk), objectType, runId, submittedAt])
    }
  }

  /**
   * The reconciler's next page of pending rows untouched since `before` (at most `limit`), after the cursor the last
   * run left in Postgres; the cursor moves past the page, or back to the start (a lap) when the page ends the walk.
   * Each run thus reads `limit` rows of an index, however many rows wait: after Redis is lost with a million of them,
   * run after run takes the next page and none is left behind the first one.
   */
  @InjectTransactionManager()
  async unfinishedSyncPage(
    before: Date,
    limit: number,
    @MedusaContext() ctx: Context = {}
  ): Promise<{ rows: { object_type: SyncObjectType; object_id: string }[]; lapped: boolean }> {
    return nextUnfinishedPage(this.sql(ctx), PENDING_SYNCS, before, limit)
  }

  /** How many rows of an object type there are in each sync status (statuses without rows left out). */
  @InjectManager()
  async syncStatusCounts(objectType: SyncObjectType, @MedusaContext() ctx: Context = {}): Promise<Record<string, number>> {
    const rows = (await this.sql(ctx).execute(SYNC_STATUS_COUNTS, [objectType])) as { status: string; n: number }[]
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
  }

  /** Where the reconciler's walk over pending rows stands (null before its first run). */
  @InjectManager()
  async reconcileCursor(@MedusaContext() ctx: Context = {}): Promise<{ after_id: string | null; laps: number } | null> {
    return (await reconcileCursors(this.sql(ctx), PENDING_SYNCS.cursorTable))[PENDING_SYNCS.cursor] ?? null
  }

  // ---- backfill ----

  /**
   * Records a page's accepted batch and moves its task's cursor past the page, together. False
   * (and nothing recorded) when the page was recorded already by a twin job.
   */
  @InjectTransactionManager()
  async acceptPage(
    input: {
      task_id: string
      page: number
      cursor: string | null
      last: boolean
      batch?: { run_id: string; kind: BatchKind; mailchimp_batch_id: string | null; object_ids: string[]; operations: number; skipped: number }
      members?: { run_id: string; object_ids: string[]; operations: number; succeeded: number; errored: number; skipped: number }
      // Records the page left out, when it sent no batch (all without an email, say).
      skipped?: { run_id: string; kind: BatchKind; count: number }
    },
    @MedusaContext() ctx: Context = {}
  ): Promise<{ accepted: boolean; batch_id?: string }> {
    const moved = await this.sql(ctx).execute(ADVANCE_TASK, [input.cursor, input.last ? "sent" : "sending", input.task_id, input.page])
    if (!moved.length) return { accepted: false }
    let batchId: string | undefined
    const now = new Date()
    if (input.batch) {
      const [batch] = await this.createBackfillBatches(
        [{ ...input.batch, page: input.page, attempt: 0, status: "submitted", submitted_at: now }],
        ctx
      )
      batchId = batch.id
    }
    if (input.skipped?.count) {
      const { run_id, kind, count } = input.skipped
      await this.createBackfillBatches(
        [{ run_id, kind, page: input.page, attempt: 0, status: "finished", object_ids: [], operations: 0, skipped: count, submitted_at: now, finished_at: now }],
        ctx
      )
    }
    if (input.members) {
      const { run_id, object_ids, operations, succeeded, errored, skipped } = input.members
      await this.createBackfillBatches(
        [{ run_id, kind: "members", page: input.page, attempt: 0, status: "finished", object_ids, operations, succeeded, errored, skipped, submitted_at: now, finished_at: now }],
        ctx
      )
    }
    return { accepted: true, batch_id: batchId }
  }

  /**
   * Ends a batch once, together with the batch that sends its failed operations again; false
   * (and no retry recorded) when another job ended it already.
   */
  @InjectTransactionManager()
  async settleBatch(
    batchId: string,
    counts: { status: "finished" | "failed"; succeeded: number; errored: number; retried: number; skipped: number; error?: Record<string, unknown> | null },
    retry: { run_id: string; kind: BatchKind; page: number; attempt: number; mailchimp_batch_id: string; object_ids: string[]; skipped: number } | null,
    @MedusaContext() ctx: Context = {}
  ): Promise<boolean> {
    const rows = await this.sql(ctx).execute(FINISH_BATCH, [
      counts.status,
      counts.succeeded,
      counts.errored,
      counts.retried,
      counts.skipped,
      counts.error ? JSON.stringify(counts.error) : null,
      batchId,
    ])
    if (!rows.length) return false
    if (retry) {
      await this.createBackfillBatches(
        [{ ...retry, operations: retry.object_ids.length, status: "submitted", submitted_at: new Date() }],
        ctx
      )
    }
    return true
  }

  /** Marks a task finished once; false when it was not waiting to be (or another job did it). */
  @InjectManager()
  async finishTask(taskId: string, @MedusaContext() ctx: Context = {}): Promise<boolean> {
    return (await this.sql(ctx).execute(FINISH_TASK, [taskId])).length > 0
  }

  @InjectManager()
  async touchRun(runId: string, @MedusaContext() ctx: Context = {}): Promise<void> {
    await this.sql(ctx).execute(TOUCH_RUN, [runId])
  }

  @InjectManager()
  async batchProgress(runId: string, @MedusaContext() ctx: Context = {}) {
    return this.sql(ctx).execute(BATCH_PROGRESS, [runId]) as Promise<
      {
        kind: BatchKind
        sent: number
        succeeded: number
        errored: number
        retried: number
        skipped: number
        open_batches: number
        first_submitted_at: Date | null
        last_finished_at: Date | null
      }[]
    >
  }

  /** Backfill work nobody moved for a while: runs whose poller was lost, tasks whose page job was. */
  @InjectManager()
  async staleBackfillWork(before: Date, @MedusaContext() ctx: Context = {}) {
    const runs = (await this.sql(ctx).execute(STALE_RUNS, [before])) as { id: string }[]
    const tasks = (await this.sql(ctx).execute(STALE_TASKS, [before])) as { run_id: string; kind: BackfillKind; page: number }[]
    return { runs, tasks }
  }

  /**
   * An erasure: removes the buyers' purchase rows, profiles and sync rows (their merge fields, customers, orders
   * and carts), and their ids from backfill batches and cursors. Answers the orders found and how many rows each
   * table lost. Writes still queued for them find no sync row and do nothing.
   */
  @InjectTransactionManager()
  async eraseBuyers(
    input: { emails: string[]; customer_ids: string[]; order_ids: string[]; cart_ids: string[] },
    @MedusaContext() ctx: Context = {}
  ): Promise<{ order_ids: string[]; removed: Record<string, number> }> {
    const sql = this.sql(ctx)
    const emails = JSON.stringify(input.emails.map((e) => e.trim().toLowerCase()))
    const customers = JSON.stringify(input.customer_ids)
    const recorded = (await sql.execute(ORDERS_OF_BUYERS, [emails, customers])).map((r) => r.order_id as string)
    const orderIds = [...new Set([...input.order_ids, ...recorded])]
    const orders = JSON.stringify(orderIds)
    const carts = JSON.stringify(input.cart_ids)
    const needles = JSON.stringify([...input.emails.map((e) => e.trim().toLowerCase()), ...input.customer_ids, ...orderIds])
    await sql.execute(FORGET_CART_LINES_SENT, [carts])
    const removed = {
      purchase_orders: (await sql.execute(DELETE_PURCHASE_ORDERS, [emails, customers, orders])).length,
      purchase_profiles: (await sql.execute(DELETE_PURCHASE_PROFILES, [emails, customers])).length,
      commerce_sync: (await sql.execute(DELETE_SYNC_ROWS, [emails, customers, orders, carts])).length,
      backfill_batches: (await sql.execute(SCRUB_BACKFILL_BATCHES, [needles])).length,
      backfill_cursors: (await sql.execute(SCRUB_BACKFILL_CURSORS, [needles])).length,
    }
    return { order_ids: orderIds, removed }
  }

  /** The address behind a merge-fields job's hash: its sync row's object id (null when there is none). */
  @InjectManager()
  async mergeAddressOf(emailHash: string, @MedusaContext() ctx: Context = {}): Promise<string | null> {
    const [row] = await this.sql(ctx).execute(MERGE_ADDRESS_OF, [emailHash])
    return row?.object_id ?? null
  }

  // ---- carts (docs/carts.md) ----

  /** Carts changed: each wants a write, unless its order was placed. Answers the requests made (none for those). */
  @InjectManager()
  async requestCartSync(cartIds: string[], @MedusaContext() ctx: Context = {}): Promise<SyncRef[]> {
    if (!cartIds.length) return []
    const ids = entityIds("mccs", cartIds.length)
    const input = [...new Set(cartIds)].map((object_id, i) => ({ id: ids[i], object_id }))
    return this.sql(ctx).execute(REQUEST_CART_SYNC, [JSON.stringify(input)])
  }

  /**
   * The cart's order was placed: the cart is completed in Postgres (for good) and its Mailchimp copy is to be
   * deleted, in one transaction. Answers the delete's request.
   */
  @InjectTransactionManager()
  async completeCart(
    input: { cart_id: string; order_id: string },
    @MedusaContext() ctx: Context = {}
  ): Promise<SyncRef> {
    const sql = this.sql(ctx)
    await sql.execute(COMPLETE_CART, [generateEntityId(undefined, "mccart"), input.cart_id, input.order_id])
    const [ref] = await sql.execute(REQUEST_CART_DELETE, [generateEntityId(undefined, "mccs"), input.cart_id])
    return ref as SyncRef
  }

  /** An expired or emptied cart: its Mailchimp copy is to be deleted (it may come back if the shopper returns). */
  @InjectManager()
  async requestCartDelete(cartId: string, @MedusaContext() ctx: Context = {}): Promise<SyncRef> {
    const [ref] = await this.sql(ctx).execute(REQUEST_CART_DELETE, [generateEntityId(undefined, "mccs"), cartId])
    return ref as SyncRef
  }

  @InjectManager()
  async getCart(cartId: string, @MedusaContext() ctx: Context = {}): Promise<CommerceCartRow | null> {
    const [row] = (await this.sql(ctx).execute(GET_CART, [cartId])) as CommerceCartRow[]
    return row ?? null
  }

  @InjectManager()
  async cartsOfOrders(orderIds: string[], @MedusaContext() ctx: Context = {}): Promise<Map<string, OrderCart>> {
    if (!orderIds.length) return new Map()
    const rows = (await this.sql(ctx).execute(CARTS_OF_ORDERS, [JSON.stringify(orderIds)])) as (OrderCart & { order_id: string })[]
    return new Map(rows.map(({ order_id, ...cart }) => [order_id, cart]))
  }

  @InjectManager()
  async setCartLinesSent(cartId: string, lines: Record<string, string> | null, @MedusaContext() ctx: Context = {}): Promise<void> {
    await this.sql(ctx).execute(SET_LINES_SENT, [generateEntityId(undefined, "mccart"), cartId, lines ? JSON.stringify(lines) : null])
  }

  @InjectManager()
  async setCartSource(
    cartId: string,
    source: { campaign_id?: string | null; landing_site?: string | null },
    @MedusaContext() ctx: Context = {}
  ): Promise<void> {
    await this.sql(ctx).execute(SET_CART_SOURCE, [generateEntityId(undefined, "mccart"), cartId, source.campaign_id ?? null, source.landing_site ?? null])
  }

  /** A recovery link was used; false when the cart is completed (nothing recorded). */
  @InjectManager()
  async recordCartRecovery(cartId: string, @MedusaContext() ctx: Context = {}): Promise<boolean> {
    return (await this.sql(ctx).execute(RECORD_RECOVERY, [generateEntityId(undefined, "mccart"), cartId])).length > 0
  }

  @InjectManager()
  async cartFigures(@MedusaContext() ctx: Context = {}): Promise<CartFigures> {
    const [row] = (await this.sql(ctx).execute(CART_FIGURES)) as CartFigures[]
    return row
  }

  /** Carts Mailchimp holds whose last change is older than `before`. */
  @InjectManager()
  async expiredCarts(before: Date, limit: number, @MedusaContext() ctx: Context = {}): Promise<string[]> {
    return ((await this.sql(ctx).execute(EXPIRED_CARTS, [before, limit])) as { object_id: string }[]).map((r) => r.object_id)
  }

  protected sql(ctx: Context): SqlEntityManager {
    return (ctx.transactionManager ?? ctx.manager) as SqlEntityManager
  }
}

export default MailchimpCommerceService
