import { model } from "@medusajs/framework/utils"

/**
 * What the merchant changed in the admin, over the plugin options. One row (id STORE_SETTINGS_ID);
 * a null column follows the option of the same name.
 */
export const Settings = model.define({ name: "Settings", tableName: "mailchimp_settings" }, {
  id: model.id({ prefix: "mcset" }).primaryKey(),
  audience_id: model.text().nullable(),
  // "audience": follow the audience's own setting; "on"/"off": always / never.
  double_opt_in: model.enum(["audience", "on", "off"]).nullable(),
  checkout_label: model.text().nullable(),
  tags: model.array().nullable(),
  // The audience's merge tags for the fields the store fills: { first_name: "FNAME", ... }
  merge_fields: model.json().nullable(),
  // The interest categories a shopper may choose from, per audience: { [audience_id]: [category_id, ...] }
  interest_categories: model.json().nullable(),
  // The admin user who saved last.
  updated_by: model.text().nullable(),
})
