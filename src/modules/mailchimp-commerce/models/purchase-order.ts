import { model } from "@medusajs/framework/utils"

/**
 * What one Medusa order adds to its buyer's purchase profile, as of the order's latest state.
 * Profiles are sums over these rows, so re-reading an order (an event replayed, a rebuild)
 * replaces its row and can never count it twice. Segment SQL may query it directly, e.g.
 * "bought product X in the last 30 days": `placed_at > now() - interval '30 days' AND product_ids @> ARRAY['prod_…']`.
 */
export const PurchaseOrder = model
  .define({ name: "PurchaseOrder", tableName: "mailchimp_purchase_order" }, {
    id: model.id({ prefix: "mcpo" }).primaryKey(),
    order_id: model.text(),
    email: model.text(),
    customer_id: model.text().nullable(),
    currency_code: model.text(),
    status: model.enum(["placed", "canceled"]),
    // Order total, refunded amount and what the buyer kept paying: total − refunded, never below 0.
    total: model.bigNumber(),
    refunded_total: model.bigNumber(),
    net_total: model.bigNumber(),
    placed_at: model.dateTime(),
    canceled_at: model.dateTime().nullable(),
    product_ids: model.array(),
    variant_ids: model.array(),
    category_ids: model.array(),
    collection_ids: model.array(),
    campaign_id: model.text().nullable(),
  })
  .indexes([
    { on: ["order_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["email", "placed_at"] },
    { on: ["product_ids"], type: "GIN" },
    { on: ["variant_ids"], type: "GIN" },
    { on: ["category_ids"], type: "GIN" },
    { on: ["collection_ids"], type: "GIN" },
  ])
