import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type MailchimpCommerceService from "../../modules/mailchimp-commerce/service"
import { toPurchaseOrder } from "../../modules/mailchimp-commerce/mapping"
import { GraphQuery, readProductFilings, readStoreFacts, SqlConnection } from "../../modules/mailchimp-commerce/store-data"
import { holdOrderRead } from "../../modules/mailchimp-commerce/store-data/held-order-reads"
import { readOrder } from "../../modules/mailchimp-commerce/store-data/order-reader"

export type RecordedPurchase = { order_id: string; found: boolean; emails_changed: string[] }

/**
 * Rewrites an order's purchase row from the order as it is now and recomputes its buyer's profile
 * from their rows. Replaying it (the same event twice, an old event late) changes nothing more.
 */
export const recordPurchaseStep = createStep(
  "record-mailchimp-purchase",
  async ({ order_id }: { order_id: string }, { container }) => {
    const query = container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
    const commerce = container.resolve<MailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    const db = container.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
    const order = await readOrder(db, order_id)
    // The order's e-commerce job sends this read (handOffOrderReadStep ties it to the request).
    if (order && commerce.getOptions().ecommerce) holdOrderRead(order)
    const filing = await readProductFilings(db, (order?.items ?? []).map((i) => i.product_id!).filter(Boolean))
    const row = order ? toPurchaseOrder(order, filing) : null
    if (!row) return new StepResponse<RecordedPurchase>({ order_id, found: !!order, emails_changed: [] })
    const touched = await commerce.upsertPurchaseOrders([row])
    const { currencyCode } = await readStoreFacts(query)
    const changed = await commerce.refreshProfiles(touched, currencyCode)
    return new StepResponse<RecordedPurchase>({ order_id, found: true, emails_changed: changed })
  }
)
