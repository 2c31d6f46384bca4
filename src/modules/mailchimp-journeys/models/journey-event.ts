import { model } from "@medusajs/framework/utils"

/**
 * One Customer Journey event for one subject (an order, a fulfilment, a return, a refund, a buyer's threshold),
 * written before it is queued. Mailchimp's events endpoint has no idempotency key, so this row is the only
 * guard: a (event, subject) pair is recorded once and sent at most once (`sent_at`). The address is never kept:
 * the job reads it from the order, the row keeps only its subscriber hash.
 */
export const JourneyEvent = model
  .define({ name: "JourneyEvent", tableName: "mailchimp_journey_event" }, {
    id: model.id({ prefix: "mcje" }).primaryKey(),
    event: model.text(),
    subject_id: model.text(),
    order_id: model.text(),
    email_hash: model.text(),
    // Order id, total, product names, tracking link …: strings, as Mailchimp takes them.
    properties: model.json(),
    occurred_at: model.dateTime(),
    status: model.enum(["pending", "sent", "skipped", "failed"]).default("pending"),
    // Why it was skipped or failed (not_in_audience, erased, turned_off, Mailchimp's answer).
    reason: model.text().nullable(),
    sent_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["event", "subject_id"], unique: true },
    { on: ["status", "created_at"] },
    // The reconciler's walk: only pending events, in cursor order.
    { name: "IDX_mailchimp_journey_event_pending", on: ["updated_at", "id"], where: "status = 'pending' AND deleted_at IS NULL" },
  ])
