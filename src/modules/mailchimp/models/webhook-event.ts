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
  })
  .indexes([
    { on: ["fingerprint"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "created_at"] },
    { on: ["type"] },
  ])
