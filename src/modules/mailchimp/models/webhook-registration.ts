import { model } from "@medusajs/framework/utils"

/**
 * The webhook this store registered on its audience. Audience webhooks are not signed: the secret is in the
 * URL. A rotation updates the same webhook's URL; the previous URL's secret stays accepted until
 * `previous_url_until`, so that Mailchimp's retries of earlier deliveries (over 75 minutes) are not lost.
 */
export const WebhookRegistration = model
  .define({ name: "WebhookRegistration", tableName: "mailchimp_webhook_registration" }, {
    id: model.id({ prefix: "mcwr" }).primaryKey(),
    audience_id: model.text(),
    webhook_id: model.text(),
    url: model.text(),
    previous_url: model.text().nullable(),
    previous_url_until: model.dateTime().nullable(),
    events: model.json(),
    sources: model.json(),
    registered_at: model.dateTime(),
  })
  .indexes([{ on: ["audience_id"], unique: true, where: "deleted_at IS NULL" }])
