import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { BackfillKind } from "../../../../types/mailchimp-commerce-module"
import { storeTargets, type StoreTarget } from "../../../../modules/mailchimp-commerce/channels"
import { countInChannels, countRecords, PLACED_ORDERS, SqlConnection } from "../../../../modules/mailchimp-commerce/store-data"
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
 * sends every object again (upserts) and fixes it. With `salesChannels`, per Mailchimp store, each against the
 * objects of its channels (kinds named `<store id> <kind>`).
 */
export async function countCheck(ctx: CommerceContext, kinds: BackfillKind[]): Promise<CountCheck> {
  const stores = storeTargets(ctx.commerce.getOptions())
  const result: CountCheck["kinds"] = {}
  for (const store of stores) {
    const counts = await countStore(ctx, store, kinds)
    for (const [kind, entry] of Object.entries(counts)) result[store.channelIds ? `${store.storeId} ${kind}` : kind] = entry
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

async function countStore(ctx: CommerceContext, target: StoreTarget, kinds: BackfillKind[]): Promise<CountCheck["kinds"]> {
  const { client, query, commerce } = ctx
  const { storeId, channelIds } = target
  const db = ctx.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
  const result: CountCheck["kinds"] = {}
  const page = { count: 1, fields: ["total_items"] }
  if (kinds.includes("products")) {
    const store = channelIds ? await countInChannels(db, "products", channelIds) : await countRecords(query, "product")
    const mailchimp = (await client.ecommerce.products.list(storeId, page)).total_items
    // The stand-ins of deleted products orders name (one store: the sync rows say how many; several: not counted).
    const [, placeholders] = channelIds
      ? [null, 0]
      : await commerce.listAndCountCommerceSyncs({ object_type: "product", note: "placeholder", remote_exists: true }, { take: 1, select: ["id"] })
    result.products = entry(store, mailchimp, store + placeholders)
  }
  if (kinds.includes("customers")) {
    const store = channelIds
      ? await countInChannels(db, "customers", channelIds)
      : await countRecords(query, "customer", { filters: { email: { $ne: null } } })
    const mailchimp = (await client.ecommerce.customers.list(storeId, page)).total_items
    result.customers = entry(store, mailchimp, store)
  }
  if (kinds.includes("orders")) {
    const store = channelIds ? await countInChannels(db, "orders", channelIds) : await countRecords(query, "order", { filters: PLACED_ORDERS })
    const mailchimp = (await client.ecommerce.orders.list(storeId, page)).total_items
    result.orders = entry(store, mailchimp, store)
  }
  // Promotions: the rules the store holds as sent (each promotion Mailchimp can express) against Mailchimp's rules.
  const [, promos] = await commerce.listAndCountCommerceSyncs({ object_type: "promo", remote_exists: true }, { take: 1, select: ["id"] })
  const rules = (await client.ecommerce.promoRules.list(storeId, page)).total_items
  result.promotions = entry(promos, rules, promos)
  return result
}

function entry(store: number, mailchimp: number, expected: number) {
  return { store, mailchimp, expected, difference: mailchimp - expected }
}
