import { toPurchaseOrder } from "../mapping"
import type { IMailchimpCommerceService } from "../../../types/mailchimp-commerce-module"
import { readOrderRows } from "./order-rows"
import { readProductFilings } from "./orders"
import type { GraphQuery } from "./query"
import type { SqlConnection } from "./sql-connection"
import { readStoreFacts } from "./store"

/**
 * Rebuilds every purchase row from the orders, page by page (memory stays flat), then every
 * profile from the rows in one statement. `fresh` forgets the rows first (orders deleted since
 * disappear too). Answers how many orders were read and the emails whose profile changed.
 */
export async function rebuildPurchaseProfiles(
  { query, db }: { query: GraphQuery; db: SqlConnection },
  commerce: IMailchimpCommerceService,
  opts: { fresh?: boolean; pageSize?: number } = {}
): Promise<{ orders: number; changed: string[] }> {
  const take = opts.pageSize ?? 1_000
  if (opts.fresh) await commerce.clearPurchases()
  let after: string | null = null
  let orders = 0
  for (;;) {
    const page = await readOrderRows(db, { after, take })
    if (!page.length) break
    const filing = await readProductFilings(db, page.flatMap((o) => (o.items ?? []).map((i) => i.product_id!).filter(Boolean)))
    await commerce.upsertPurchaseOrders(page.map((o) => toPurchaseOrder(o, filing)).filter((r) => r !== null))
    orders += page.length
    after = page[page.length - 1].id
    if (page.length < take) break
  }
  const { currencyCode } = await readStoreFacts(query)
  const changed = await commerce.refreshAllProfiles(currencyCode)
  return { orders, changed }
}
