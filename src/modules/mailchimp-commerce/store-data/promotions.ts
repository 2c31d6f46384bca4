import { PROMOTION_FIELDS, type MedusaPromotion } from "../mapping/promotion"
import type { GraphQuery } from "./query"

/** These promotions as they are now, deleted ones too (their `deleted_at` says so). */
export async function readPromotions(query: GraphQuery, ids: string[]): Promise<MedusaPromotion[]> {
  if (!ids.length) return []
  const found: MedusaPromotion[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const { data } = await query.graph({ entity: "promotion", fields: PROMOTION_FIELDS, filters: { id: ids.slice(i, i + 500) }, withDeleted: true })
    found.push(...(data as MedusaPromotion[]))
  }
  return found
}

/**
 * How many orders used each promotion: the order-promotion links Medusa writes when an order is placed with it.
 * Not `promotion.used`, which Medusa counts only for promotions with a usage limit.
 */
export async function promotionUsage(query: GraphQuery, ids: string[]): Promise<Map<string, number>> {
  const usage = new Map<string, number>(ids.map((id) => [id, 0]))
  if (!ids.length) return usage
  const orders = new Map<string, Set<string>>()
  for (let i = 0; i < ids.length; i += 500) {
    const { data } = await query.graph({ entity: "order_promotion", fields: ["order_id", "promotion_id"], filters: { promotion_id: ids.slice(i, i + 500) } })
    for (const link of data as { order_id: string; promotion_id: string }[]) {
      const set = orders.get(link.promotion_id) ?? new Set()
      set.add(link.order_id)
      orders.set(link.promotion_id, set)
    }
  }
  for (const [id, set] of orders) usage.set(id, set.size)
  return usage
}

/** The ids of the promotions of a campaign (a campaign's name and dates are its promotions' too). */
export async function promotionIdsOfCampaign(query: GraphQuery, campaignId: string): Promise<string[]> {
  const { data } = await query.graph({ entity: "promotion", fields: ["id"], filters: { campaign_id: campaignId } })
  return (data as { id: string }[]).map((p) => p.id)
}

/**
 * The promotion module's generated reader of application methods: MedusaService makes it from the module's models,
 * though IPromotionModuleService does not declare it.
 */
export type ApplicationMethodReader = {
  listApplicationMethods(filters: { id: string }, config: { select: string[]; withDeleted?: boolean }): Promise<{ promotion_id?: string | null }[]>
}

/** The promotion an application method belongs to (its value, type and target are the promotion's discount). */
export async function promotionIdOfMethod(promotions: ApplicationMethodReader, methodId: string): Promise<string | null> {
  const [method] = await promotions.listApplicationMethods({ id: methodId }, { select: ["id", "promotion_id"], withDeleted: true })
  return method?.promotion_id ?? null
}
