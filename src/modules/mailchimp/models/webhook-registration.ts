import { model } from "@medusajs/framework/utils"

/** The webhook this store registered on its audience, and the secret Mailchimp signs with. */
export const WebhookRegistration = model
  .define({ name: "WebhookRegistration", tableName: "mailchimp_webhook_registration" }, {
    id: model.id({ prefix: "mcwr" }).primaryKey(),
    audience_id: model.text(),
    webhook_id: model.text(),
    url: model.text(),
    signing_secret: model.text().nullable(),
    events: model.json(),
    sources: model.json(),
    registered_at: model.dateTime(),
  })
  .indexes([{ on: ["audience_id"], unique: true, where: "deleted_at IS NULL" }])
