import { model } from "@medusajs/framework/utils"

/**
 * What the plugin knows of one Medusa cart beside its sync row: whether its order was placed (a completed cart is
 * never sent again, whatever event comes late), where the shopper came from, the lines Mailchimp holds (so a
 * removed line is deleted there), and the uses of its recovery link (an order placed after one is recovered).
 */
export const CommerceCart = model
  .define({ name: "CommerceCart", tableName: "mailchimp_commerce_cart" }, {
    id: model.id({ prefix: "mccart" }).primaryKey(),
    cart_id: model.text(),
    completed_at: model.dateTime().nullable(),
    order_id: model.text().nullable(),
    campaign_id: model.text().nullable(),
    landing_site: model.text().nullable(),
    // { line id: hash of the line as sent }: the lines Mailchimp holds.
    lines_sent: model.json().nullable(),
    recovered_at: model.dateTime().nullable(),
    recovery_uses: model.number().default(0),
  })
  .indexes([
    { on: ["cart_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["order_id"], where: "deleted_at IS NULL" },
  ])
