import { model } from "@medusajs/framework/utils"

/**
 * One row per buyer's email: the sums of their mailchimp_purchase_order rows. Canceled orders
 * count nowhere but `canceled_count`. Money is in the store's default currency (`currency_code`):
 * orders in other currencies are counted in `orders_count` and dates, and kept apart, per
 * currency, in `other_currencies` ({ "eur": { "orders": 2, "spent": "80" } }), never converted.
 */
export const PurchaseProfile = model
  .define({ name: "PurchaseProfile", tableName: "mailchimp_purchase_profile" }, {
    id: model.id({ prefix: "mcpp" }).primaryKey(),
    email: model.text(),
    customer_id: model.text().nullable(),
    currency_code: model.text(),
    orders_count: model.number(),
    // Orders in the default currency: the ones `total_spent` and `average_order` are made of.
    spent_orders_count: model.number(),
    total_spent: model.bigNumber(),
    average_order: model.bigNumber(),
    canceled_count: model.number(),
    first_order_at: model.dateTime().nullable(),
    last_order_at: model.dateTime().nullable(),
    other_currencies: model.json(),
    product_ids: model.array(),
    variant_ids: model.array(),
    category_ids: model.array(),
    collection_ids: model.array(),
  })
  .indexes([
    { on: ["email"], unique: true, where: "deleted_at IS NULL" },
    { on: ["customer_id"] },
    { on: ["last_order_at"] },
    { on: ["product_ids"], type: "GIN" },
    { on: ["variant_ids"], type: "GIN" },
    { on: ["category_ids"], type: "GIN" },
    { on: ["collection_ids"], type: "GIN" },
  ])
