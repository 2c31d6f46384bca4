import { model } from "@medusajs/framework/utils"

/**
 * One member's action on one campaign, as Mailchimp's email activity reports it. Shared with the
 * segments module, which reads it with SQL for engagement conditions. The unique index makes a
 * pull idempotent: pulling the same activity twice stores it once.
 */
export const EmailActivity = model
  .define({ name: "EmailActivity", tableName: "mailchimp_email_activity" }, {
    id: model.id({ prefix: "mcea" }).primaryKey(),
    campaign_id: model.text(),
    // Lower-cased.
    email: model.text(),
    customer_id: model.text().nullable(),
    // 'open' | 'click' | 'bounce' | 'unsubscribe' | 'abuse' …: Mailchimp's words, kept as text.
    action: model.text(),
    occurred_at: model.dateTime(),
    url: model.text().nullable(),
  })
  .indexes([
    { on: ["campaign_id", "email", "action", "occurred_at"], unique: true, where: "deleted_at IS NULL" },
    { on: ["email", "action", "occurred_at"] },
  ])
