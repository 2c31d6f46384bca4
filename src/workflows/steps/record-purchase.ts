import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import { toPurchaseOrder } from "../../modules/mailchimp-commerce/mapping"
import type { MedusaOrder, PurchaseOrderRow } from "../../modules/mailchimp-commerce/mapping"
import { GraphQuery, readProductFilings, readStoreFacts, SqlConnection } from "../../modules/mailchimp-commerce/store-data"
import { holdOrderRead } from "../../modules/mailchimp-commerce/store-data/held-order-reads"
import { readOrder } from "../../modules/mailchimp-commerce/store-data/order-reader"

export type RecordedPurchases = { found_ids: string[]; emails_changed: string[] }

/**
 * Rewrites these orders' purchase rows from the orders as they are now and recomputes their
 * buyers' profiles from their rows, with one statement of each for all of them. Replaying it (the
 * same event twice, an old event late) changes nothing more.
 */
export const recordPurchaseStep = createStep(
  "record-mailchimp-purchase",
  async ({ order_ids }: { order_ids: string[] }, { container }) => {
    const query = container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
    const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    const db = container.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
    const read = (await Promise.all(order_ids.map((id) => readOrder(db, id)))).filter((o): o is MedusaOrder => !!o)
    // An erased buyer's orders are not recorded again until they opt in afresh.
    const erased = await container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).erasedSince(read.map((o) => o.email ?? ""))
    const orders = erased.size ? read.filter((o) => !erased.has((o.email ?? "").trim().toLowerCase())) : read
    // The orders' e-commerce jobs send these reads (handOffOrderReadsStep ties them to the requests).
    if (commerce.getOptions().ecommerce) orders.forEach(holdOrderRead)
    const filing = await readProductFilings(db, orders.flatMap((o) => (o.items ?? []).map((i) => i.product_id!)).filter(Boolean))
    const rows = orders.map((o) => toPurchaseOrder(o, filing)).filter((r): r is PurchaseOrderRow => !!r)
    const found_ids = orders.map((o) => o.id)
    if (!rows.length) return new StepResponse<RecordedPurchases>({ found_ids, emails_changed: [] })
    const touched = await commerce.upsertPurchaseOrders(rows)
    const { currencyCode } = await readStoreFacts(query)
    const changed = await commerce.refreshProfiles(touched, currencyCode)
    return new StepResponse<RecordedPurchases>({ found_ids, emails_changed: changed })
  }
)
