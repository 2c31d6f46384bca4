import { model } from "@medusajs/framework/utils"

/**
 * One row per consent event: a shopper's opt-in at checkout or signup, or a change
 * reported by Mailchimp. The row also carries the sync state of the Mailchimp write it
 * asked for, so the reconciler can find what has not reached Mailchimp yet.
 */
export const Consent = model
  .define({ name: "Consent", tableName: "mailchimp_consent" }, {
    id: model.id({ prefix: "mcc" }).primaryKey(),
    email: model.text(),
    customer_id: model.text().nullable(),
    // The customer's own (account) email when the consent was recorded.
    customer_email: model.text().nullable(),
    audience_id: model.text(),
    // opt_in and opt_out are consents; the others are changes Mailchimp reported or the store made.
    action: model.enum(["opt_in", "opt_out", "cleaned", "email_changed", "erased"]),
    source: model.enum(["checkout", "signup", "account", "admin", "mailchimp"]),
    order_id: model.text().nullable(),
    cart_id: model.text().nullable(),
    // What the shopper saw and where: { at, ip, user_agent, label, ... }
    evidence: model.json(),
    // Merge data captured with the consent: { first_name, last_name, phone, address }
    profile: model.json().nullable(),
    requested_status: model.text().nullable(),
    mailchimp_status: model.text().nullable(),
    // superseded: a later opt-out or erasure for the address made this write moot before it ran.
    sync_status: model.enum(["pending", "synced", "failed", "superseded"]).default("pending"),
    sync_error: model.json().nullable(),
    sync_attempts: model.number().default(0),
    synced_at: model.dateTime().nullable(),
    // A pending write held back until then (Mailchimp's anti-abuse refusal): the reconciler leaves it alone till then.
    retry_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["order_id"], unique: true, where: "order_id IS NOT NULL AND deleted_at IS NULL" },
    { on: ["sync_status", "created_at"] },
    // The reconciler's walk (sql/reconcile.ts): only pending consents, in cursor order.
    { name: "IDX_mailchimp_consent_pending", on: ["updated_at", "id"], where: "sync_status = 'pending' AND deleted_at IS NULL" },
    { on: ["email"] },
    { on: ["customer_id"] },
  ])
