import { model } from "@medusajs/framework/utils"

/**
 * An erasure of one address in one audience: the work item while Mailchimp has not confirmed it, then (when
 * the erasureRecord option is "hashed") the proof that it was done, with a receipt of what was removed where.
 * It never holds the address itself, only Mailchimp's subscriber hash of it (md5 of the lower-cased address);
 * that hash also keeps the address from being brought back until its owner opts in again.
 */
export const Erasure = model
  .define({ name: "Erasure", tableName: "mailchimp_erasure" }, {
    id: model.id({ prefix: "mcer" }).primaryKey(),
    audience_id: model.text(),
    subscriber_hash: model.text(),
    mode: model.enum(["archive", "delete-permanent"]),
    trigger: model.enum(["customer_deleted", "admin_request"]),
    // The admin user who asked, for an explicit request.
    requested_by: model.text().nullable(),
    requested_at: model.dateTime(),
    // Without personal data: [{ action, source, at }] of the consents that were removed.
    history: model.json().nullable(),
    status: model.enum(["pending", "done", "failed"]).default("pending"),
    // What Mailchimp said: "archived", "deleted", "not_found" (nothing to erase there).
    outcome: model.text().nullable(),
    error: model.json().nullable(),
    // What was removed where, in figures: { store: {table: rows}, queue: {jobs}, mailchimp: {member, ...} }.
    receipt: model.json().nullable(),
    // Until Mailchimp confirmed: the e-commerce objects to delete there ({ store_id, customers, orders } ids).
    pending_remote: model.json().nullable(),
    erased_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["status", "created_at"] },
    // The reconciler's walk (sql/reconcile.ts): only pending erasures, in cursor order.
    { name: "IDX_mailchimp_erasure_pending", on: ["updated_at", "id"], where: "status = 'pending' AND deleted_at IS NULL" },
    { on: ["subscriber_hash"] },
  ])
