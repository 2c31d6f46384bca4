import type { BackfillKind } from "../../../../modules/mailchimp-commerce/service"
import { countRecords, PLACED_ORDERS } from "../../../../modules/mailchimp-commerce/store-data"
import type { CommerceContext } from "../context"

export type CountCheck = {
  ok: boolean
  kinds: Record<string, { store: number; mailchimp: number; expected: number; difference: number }>
  message: string
}

/**
 * Objects in the store against objects Mailchimp reports (its list endpoints' total_items).
 * Mailchimp also holds the hidden stand-ins of deleted products that orders name, so they are
 * expected on its side. A difference is reported, never hidden: running the backfill again
 * sends every object again (upserts) and fixes it.
 */
export async function countCheck(ctx: CommerceContext, kinds: BackfillKind[]): Promise<CountCheck> {
  const { client, storeId, query, commerce } = ctx
  const result: CountCheck["kinds"] = {}
  const page = { count: 1, fields: ["total_items"] }
  if (kinds.includes("products")) {
    const store = await countRecords(query, "product")
    const mailchimp = (await client.ecommerce.products.list(storeId, page)).total_items
    const [, placeholders] = await commerce.listAndCountCommerceSyncs(
      { object_type: "product", note: "placeholder", remote_exists: true },
      { take: 1, select: ["id"] }
    )
    result.products = entry(store, mailchimp, store + placeholders)
  }
  if (kinds.includes("customers")) {
    const store = await countRecords(query, "customer", { filters: { email: { $ne: null } } })
    const mailchimp = (await client.ecommerce.customers.list(storeId, page)).total_items
    result.customers = entry(store, mailchimp, store)
  }
  if (kinds.includes("orders")) {
    const store = await countRecords(query, "order", { filters: PLACED_ORDERS })
    const mailchimp = (await client.ecommerce.orders.list(storeId, page)).total_items
    result.orders = entry(store, mailchimp, store)
  }
  const off = Object.entries(result).filter(([, v]) => v.difference !== 0)
  return {
    ok: off.length === 0,
    kinds: result,
    message: off.length
      ? `Mailchimp differs from the store: ${off.map(([k, v]) => `${k} ${v.difference > 0 ? "+" : ""}${v.difference}`).join(", ")}. Run the backfill again to fix it.`
      : "Mailchimp holds what the store holds.",
  }
}

function entry(store: number, mailchimp: number, expected: number) {
  return { store, mailchimp, expected, difference: mailchimp - expected }
}
