import { PROMOTION_FIELDS, type MedusaPromotion } from "../mapping/promotion"
import type { CommerceOptions } from "../options"
import type { GraphQuery } from "../store-data"
import { promoMappings } from "./mappings"

export type PromoSyncState = { object_id: string; status: string; remote_exists: boolean; payload_hash: string | null; synced_at: Date | null }
export type PromoDrift = { object_id: string; action: "upsert" | "delete"; why: "new" | "changed" | "gone" }

/** Every promotion the store has (not deleted), a page at a time. */
export async function* allPromotions(query: GraphQuery, pageSize = 500): AsyncGenerator<MedusaPromotion[]> {
  let after: string | null = null
  for (;;) {
    const filters: Record<string, unknown> = after ? { id: { $gt: after } } : {}
    const { data } = await query.graph({ entity: "promotion", fields: PROMOTION_FIELDS, filters, pagination: { take: pageSize, order: { id: "ASC" } } })
    const page = data as MedusaPromotion[]
    if (!page.length) return
    yield page
    if (page.length < pageSize) return
    after = page[page.length - 1].id
  }
}

/**
 * What Mailchimp's copy lacks, promotion by promotion: the guarantee behind the promotion module's events, which do
 * not cover every change (docs/promotions.md). A promotion without a sync row is new; one whose mapping's fingerprint
 * differs from the last one sent (or skipped) changed; a row whose promotion is gone while Mailchimp may still hold
 * its rule is a deletion. Pending rows are the reconciler's; a failed row (Mailchimp refused it) is looked at again
 * only once the promotion changed after the refusal.
 */
export async function promoDrift(
  query: GraphQuery,
  options: CommerceOptions,
  rows: PromoSyncState[]
): Promise<{ drift: PromoDrift[]; promotions: number }> {
  const byId = new Map(rows.map((r) => [r.object_id, r]))
  const seen = new Set<string>()
  const drift: PromoDrift[] = []
  let promotions = 0
  for await (const page of allPromotions(query)) {
    promotions += page.length
    const plans = await promoMappings(query, options, page)
    for (const p of page) {
      seen.add(p.id)
      const row = byId.get(p.id)
      if (!row) {
        drift.push({ object_id: p.id, action: "upsert", why: "new" })
        continue
      }
      if (row.status === "pending" || row.payload_hash === plans.get(p.id)!.hash) continue
      if (row.status === "failed" && !(p.updated_at && row.synced_at && new Date(p.updated_at) > new Date(row.synced_at))) continue
      drift.push({ object_id: p.id, action: "upsert", why: "changed" })
    }
  }
  for (const row of rows) {
    if (seen.has(row.object_id) || row.status === "pending") continue
    if (row.remote_exists) drift.push({ object_id: row.object_id, action: "delete", why: "gone" })
  }
  return { drift, promotions }
}
