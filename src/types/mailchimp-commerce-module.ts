import type { Context, IModuleService, Logger } from "@medusajs/framework/types"
import type { AbstractModuleService, ModelConfigurationsToConfigTemplate } from "@medusajs/framework/utils"
import type { ProfileFigures } from "../modules/mailchimp-commerce/mapping/merge-values"
import type { PurchaseOrderRow } from "../modules/mailchimp-commerce/mapping/purchase"
import type { BackfillBatch } from "../modules/mailchimp-commerce/models/backfill-batch"
import type { BackfillRun } from "../modules/mailchimp-commerce/models/backfill-run"
import type { BackfillTask } from "../modules/mailchimp-commerce/models/backfill-task"
import type { CommerceCart } from "../modules/mailchimp-commerce/models/commerce-cart"
import type { CommerceSettings } from "../modules/mailchimp-commerce/models/commerce-settings"
import type { CommerceSync } from "../modules/mailchimp-commerce/models/commerce-sync"
import type { PurchaseOrder } from "../modules/mailchimp-commerce/models/purchase-order"
import type { PurchaseProfile } from "../modules/mailchimp-commerce/models/purchase-profile"
import type { CommerceOptions } from "../modules/mailchimp-commerce/options"
import type { SavedCommerceSettings } from "../modules/mailchimp-commerce/settings/saved-mapping"
import type {
  BackfillKind,
  BatchKind,
  BatchResultRow,
  CartFigures,
  CommerceCartRow,
  CommerceSyncRow,
  OrderCart,
  SyncObjectType,
  SyncOutcome,
  SyncRef,
} from "../modules/mailchimp-commerce/service"

export type { BackfillKind, BatchKind, BatchResultRow, CartFigures, CommerceCartRow, CommerceSyncRow, OrderCart, SyncObjectType, SyncOutcome, SyncRef }

/** The list, listAndCount, retrieve, create, update and delete methods Medusa generates for the module's tables. */
type CommerceTables = AbstractModuleService<
  ModelConfigurationsToConfigTemplate<{
    PurchaseOrder: typeof PurchaseOrder
    PurchaseProfile: typeof PurchaseProfile
    CommerceSync: typeof CommerceSync
    BackfillRun: typeof BackfillRun
    BackfillTask: typeof BackfillTask
    BackfillBatch: typeof BackfillBatch
    CommerceCart: typeof CommerceCart
    CommerceSettings: typeof CommerceSettings
  }>
>

type BatchCounts = { sent: number; succeeded: number; errored: number; retried: number; skipped: number }

/**
 * The commerce module's service (`MAILCHIMP_COMMERCE_MODULE`) as routes, workflows, subscribers and processors use
 * it; src/modules/mailchimp-commerce/service.ts implements it.
 */
export interface IMailchimpCommerceService extends IModuleService, CommerceTables {
  /** The effective options: the saved sales channel mapping over the option (read again when older than 30 s). */
  getOptions(): CommerceOptions
  /** The options as medusa-config gives them, before the saved mapping. */
  getConfiguredOptions(): CommerceOptions
  /** The row as saved in the admin (null: nothing saved, the options apply). */
  getSavedCommerceSettings(): SavedCommerceSettings | null
  /** Reads the saved row now (after a save, so that this process applies it at once). */
  refreshCommerceSettings(): Promise<CommerceOptions>
  /** Resolves once the saved row was read once in this process. */
  commerceSettingsRead(): Promise<void>
  /** Saves the sales channel mapping (null: back to the option); answers the row before and after. */
  saveCommerceSettings(
    changes: { sales_channels: SavedCommerceSettings["sales_channels"]; updated_by: string | null },
    ctx?: Context
  ): Promise<{ previous: SavedCommerceSettings | null; saved: SavedCommerceSettings }>
  getLogger(): Logger
  /** Whether the audience was seen holding the purchase merge fields in the last five minutes. */
  mergeFieldsFresh(): boolean
  markMergeFieldsChecked(): void
  /** Replaces the purchase rows of these orders; answers every email whose profile may have changed. */
  upsertPurchaseOrders(rows: PurchaseOrderRow[], ctx?: Context): Promise<string[]>
  /** Recomputes these buyers' profiles from their purchase rows; answers the emails whose profile changed. */
  refreshProfiles(emails: string[], currencyCode: string, ctx?: Context): Promise<string[]>
  /** The figures the purchase merge fields show for one buyer; null when they have no profile. */
  getProfileFigures(email: string, ctx?: Context): Promise<ProfileFigures | null>
  /** Recomputes every profile; answers how many changed. */
  refreshAllProfiles(currencyCode: string, ctx?: Context): Promise<string[]>
  /** Recomputes every profile; answers only how many changed. */
  refreshAllProfilesCounted(currencyCode: string, ctx?: Context): Promise<number>
  clearPurchases(ctx?: Context): Promise<void>
  /** Marks objects as wanting a write; answers each with the revision its job must complete. */
  requestSync(
    items: { object_type: SyncObjectType; object_id: string; action?: "upsert" | "delete" }[],
    ctx?: Context
  ): Promise<SyncRef[]>
  getSync(objectType: SyncObjectType, objectId: string, ctx?: Context): Promise<CommerceSyncRow | null>
  /** Ends a write; false when a newer change came in meanwhile (the caller queues a follow-up). */
  completeSync(ref: SyncRef, outcome: SyncOutcome, ctx?: Context): Promise<boolean>
  noteSyncAttempt(objectType: SyncObjectType, objectId: string, error: Record<string, unknown>, ctx?: Context): Promise<void>
  setRemoteExists(objectType: SyncObjectType, objectIds: string[], exists: boolean, ctx?: Context): Promise<void>
  /** Mailchimp no longer has the store: neither it nor any of its customers, products, orders, promo rules and carts is held. */
  forgetRemoteStore(storeId: string, ctx?: Context): Promise<void>
  /** Mailchimp holds none of the store's customers, products, orders, promo rules and carts (the store was created anew). */
  forgetStoreObjects(ctx?: Context): Promise<void>
  /** Carts changed: each wants a write, unless its order was placed (docs/carts.md). */
  requestCartSync(cartIds: string[], ctx?: Context): Promise<SyncRef[]>
  /** The cart's order was placed: completed for good in Postgres, its Mailchimp copy to be deleted. */
  completeCart(input: { cart_id: string; order_id: string }, ctx?: Context): Promise<SyncRef>
  /**
   * The carts these orders were placed from, with where the shopper came from, by order id (an order the plugin
   * saw no checkout of is absent). One read for a backfill page.
   */
  cartsOfOrders(orderIds: string[], ctx?: Context): Promise<Map<string, OrderCart>>
  /** An expired or emptied cart: its Mailchimp copy is to be deleted. */
  requestCartDelete(cartId: string, ctx?: Context): Promise<SyncRef>
  getCart(cartId: string, ctx?: Context): Promise<CommerceCartRow | null>
  setCartLinesSent(cartId: string, lines: Record<string, string> | null, ctx?: Context): Promise<void>
  setCartSource(cartId: string, source: { campaign_id?: string | null; landing_site?: string | null }, ctx?: Context): Promise<void>
  /** A recovery link was used; false when the cart is completed. */
  recordCartRecovery(cartId: string, ctx?: Context): Promise<boolean>
  cartFigures(ctx?: Context): Promise<CartFigures>
  /** Carts Mailchimp holds whose last change is older than `before`. */
  expiredCarts(before: Date, limit: number, ctx?: Context): Promise<string[]>
  /** The address behind a merge-fields job's hash: its sync row's object id (null when there is none). */
  mergeAddressOf(emailHash: string, ctx?: Context): Promise<string | null>
  /** Which of these objects Mailchimp is known to hold. */
  remoteExisting(objectType: SyncObjectType, objectIds: string[], ctx?: Context): Promise<Set<string>>
  /** Which of these objects, of several types, Mailchimp is known to hold: one statement for all. */
  remoteExistingOf(
    idsByType: Partial<Record<SyncObjectType, string[]>>,
    ctx?: Context
  ): Promise<Partial<Record<SyncObjectType, Set<string>>>>
  recordBatchResults(
    objectType: SyncObjectType,
    runId: string | null,
    submittedAt: Date,
    results: BatchResultRow[],
    ctx?: Context
  ): Promise<void>
  /** The reconciler's next page of pending rows after its cursor (persisted); the cursor moves past it or laps. */
  unfinishedSyncPage(
    before: Date,
    limit: number,
    ctx?: Context
  ): Promise<{ rows: { object_type: SyncObjectType; object_id: string }[]; lapped: boolean }>
  /** How many rows of an object type there are in each sync status (statuses without rows left out). */
  syncStatusCounts(objectType: SyncObjectType, ctx?: Context): Promise<Record<string, number>>
  /** Where the reconciler's walk over pending rows stands (null before its first run). */
  reconcileCursor(ctx?: Context): Promise<{ after_id: string | null; laps: number } | null>
  /** Records a page's accepted batch and moves its task's cursor past the page, together; false for a twin job. */
  acceptPage(
    input: {
      task_id: string
      page: number
      cursor: string | null
      last: boolean
      batch?: { run_id: string; kind: BatchKind; mailchimp_batch_id: string | null; object_ids: string[]; operations: number; skipped: number }
      members?: { run_id: string; object_ids: string[]; operations: number; succeeded: number; errored: number; skipped: number }
      skipped?: { run_id: string; kind: BatchKind; count: number }
    },
    ctx?: Context
  ): Promise<{ accepted: boolean; batch_id?: string }>
  /** Ends a batch once, with the batch that sends its failed operations again; false when another job ended it. */
  settleBatch(
    batchId: string,
    counts: Omit<BatchCounts, "sent"> & { status: "finished" | "failed"; error?: Record<string, unknown> | null },
    retry: {
      run_id: string
      kind: BatchKind
      page: number
      attempt: number
      mailchimp_batch_id: string
      object_ids: string[]
      skipped: number
    } | null,
    ctx?: Context
  ): Promise<boolean>
  /** Marks a task finished once; false when it was not waiting to be (or another job did it). */
  finishTask(taskId: string, ctx?: Context): Promise<boolean>
  touchRun(runId: string, ctx?: Context): Promise<void>
  batchProgress(
    runId: string,
    ctx?: Context
  ): Promise<(BatchCounts & { kind: BatchKind; open_batches: number; first_submitted_at: Date | null; last_finished_at: Date | null })[]>
  /** Backfill work nobody moved for a while: runs whose poller was lost, tasks whose page job was. */
  staleBackfillWork(
    before: Date,
    ctx?: Context
  ): Promise<{ runs: { id: string }[]; tasks: { run_id: string; kind: BackfillKind; page: number }[] }>
  /**
   * An erasure: removes the buyers' purchase rows, profiles and sync rows (their carts' included). Answers the
   * orders found and rows lost.
   */
  eraseBuyers(
    input: { emails: string[]; customer_ids: string[]; order_ids: string[]; cart_ids: string[] },
    ctx?: Context
  ): Promise<{ order_ids: string[]; removed: Record<string, number> }>
}
