import { model } from "@medusajs/framework/utils"

/**
 * The Mailchimp side of one store object: the connected store, a product, a customer, an order,
 * a buyer's merge fields (object_id = email), a cart, or a promotion (its promo rule and code). `requested_at` and `revision` move on every change; a write
 * marks the row synced only when nothing newer was requested meanwhile (`revision`), so the
 * reconciler and the coalescing jobs always end on the latest state.
 */
export const CommerceSync = model
  .define({ name: "CommerceSync", tableName: "mailchimp_commerce_sync" }, {
    id: model.id({ prefix: "mccs" }).primaryKey(),
    object_type: model.enum(["store", "product", "customer", "order", "merge", "cart", "promo"]),
    object_id: model.text(),
    action: model.enum(["upsert", "delete"]).default("upsert"),
    status: model.enum(["pending", "synced", "failed", "skipped"]).default("pending"),
    // Whether Mailchimp holds the object: picks PATCH before POST for products and orders.
    remote_exists: model.boolean().default(false),
    requested_at: model.dateTime(),
    // Moves with every request: a write marks the row synced only if it still holds the revision it read.
    revision: model.number().default(0),
    synced_at: model.dateTime().nullable(),
    attempts: model.number().default(0),
    // Mailchimp's own words when it refused: { status, title, detail, errors }.
    error: model.json().nullable(),
    // Why a row was skipped (e.g. "not a member"), or what a write did.
    note: model.text().nullable(),
    // Hash of the last body Mailchimp accepted: an identical write is skipped.
    payload_hash: model.text().nullable(),
    backfill_run_id: model.text().nullable(),
  })
  .indexes([
    { on: ["object_type", "object_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "updated_at"] },
    // The reconciler's walk (sql/reconcile.ts): only pending rows, in cursor order; small once the work is done.
    { name: "IDX_mailchimp_commerce_sync_pending", on: ["updated_at", "id"], where: "status = 'pending' AND deleted_at IS NULL" },
    { on: ["backfill_run_id", "status"] },
  ])
