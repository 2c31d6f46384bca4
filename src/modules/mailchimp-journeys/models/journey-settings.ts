import { model } from "@medusajs/framework/utils"

/** The merchant's choice (Settings → Mailchimp): one row, id JOURNEY_SETTINGS_ID. */
export const JourneySettings = model.define({ name: "JourneySettings", tableName: "mailchimp_journey_settings" }, {
  id: model.id({ prefix: "mcjs" }).primaryKey(),
  // Event names turned on, and when each was turned on: orders placed before that never send it.
  enabled: model.json(),
  nth_order: model.number().default(5),
  spent_over: model.number().default(500),
  // The site script: given to the storefront only when on.
  site_script: model.boolean().default(false),
  site_script_url: model.text().nullable(),
  site_foreign_id: model.text().nullable(),
  site_script_error: model.text().nullable(),
})
