import { model } from "@medusajs/framework/utils"

/**
 * What the merchant saved in Settings → Mailchimp for this module, over the plugin options. One row (id
 * COMMERCE_SETTINGS_ID); a null column follows the option of the same name.
 */
export const CommerceSettings = model.define({ name: "CommerceSettings", tableName: "mailchimp_commerce_settings" }, {
  id: model.id({ prefix: "mccset" }).primaryKey(),
  // The sales channel mapping, as the salesChannels option has it: { [sales_channel_id]: { storeId, name, ... } }
  sales_channels: model.json().nullable(),
  // The admin user who saved last.
  updated_by: model.text().nullable(),
})
