import { model } from "@medusajs/framework/utils"

/** A delivery from Mailchimp, stored as received before anything is applied. */
export const WebhookEvent = model
  .define({ name: "WebhookEvent", tableName: "mailchimp_webhook_event" }, {
    id: model.id({ prefix: "mcwe" }).primaryKey(),
    // Mailchimp sends no delivery id: a hash of the body finds repeats.
    fingerprint: model.text(),
    type: model.text(),
    audience_id: model.text().nullable(),
    email: model.text().nullable(),
    fired_at: model.dateTime(),
    payload: model.json(),
    status: model.enum(["received", "applied", "ignored", "failed"]).default("received"),
    outcome: model.text().nullable(),
    applied_at: model.dateTime().nullable(),
    // Arrival order: fired_at has whole seconds, so ties between one member's events go by this.
    seq: model.autoincrement(),
    // Set while a worker applies the event's member (see sql/webhook-ingest.ts); a lapsed lease is claimed again.
    claimed_until: model.dateTime().nullable(),
    // Failed applications; after a few the event is marked failed and its member's later events go on.
    apply_attempts: model.number().default(0),
  })
  .indexes([
    { on: ["fingerprint"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "created_at"] },
    { on: ["type"] },
    { on: ["seq"], where: "status = 'received' AND deleted_at IS NULL" },
  ])
