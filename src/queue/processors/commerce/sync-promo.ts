import { storeTargets } from "../../../modules/mailchimp-commerce/channels"
import { promoMappings } from "../../../modules/mailchimp-commerce/promotions"
import { readPromotions } from "../../../modules/mailchimp-commerce/store-data"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { SyncOutcome } from "../../../types/mailchimp-commerce-module"
import type { ProcessorContext } from "../context"
import { commerceContext, inStore } from "./context"
import { ensureStore } from "./ensure-store"
import { runSync } from "./run-sync"
import { deletePromo, upsertPromo } from "./upsert-promo"

/**
 * commerce.promo.sync: the promotion's promo rule and code as they are now. A deleted promotion's rule is deleted
 * (its code goes with it); a deactivated one stays, disabled. One Mailchimp cannot express is skipped with the reason,
 * and a rule sent before it became so is deleted: Mailchimp never shows a code that does something else.
 * With `salesChannels` (Medusa promotions have no channel), into every store, each in its own currency: a fixed
 * amount in another currency is skipped in that store only. The row keeps the first store's fingerprint (the one the
 * scheduled diff compares) and every store's outcome in its note.
 */
export async function syncPromo({ promotion_id }: JobPayload<"commerce.promo.sync">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { client, commerce } = ctx
  const options = commerce.getOptions()
  const stores = storeTargets(options)
  return runSync(
    ctx,
    "promo",
    promotion_id,
    async (row) => {
      for (const store of stores) await ensureStore(inStore(ctx, store))
      const [promotion] = row.action === "delete" ? [] : await readPromotions(ctx.query, [promotion_id])
      if (!promotion || promotion.deleted_at) {
        for (const store of stores) await deletePromo(client, store.storeId, promotion_id)
        return { status: "synced", remote_exists: false, note: "deleted" }
      }
      const outcomes: SyncOutcome[] = []
      for (const [i, store] of stores.entries()) {
        const { mapping, hash } = (await promoMappings(ctx.query, options, [promotion], options.salesChannels ? store : undefined)).get(promotion.id)!
        const fingerprint = i === 0 ? hash : undefined
        if ("skip" in mapping) {
          if (row.remote_exists) await deletePromo(client, store.storeId, promotion_id)
          outcomes.push({ status: "skipped", remote_exists: false, note: mapping.skip, payload_hash: fingerprint })
        } else if (row.remote_exists && row.payload_hash === hash && stores.length === 1) {
          outcomes.push({ status: "synced", remote_exists: true, note: "unchanged" })
        } else {
          const how = await upsertPromo(client, store.storeId, mapping.rule, mapping.code, row.remote_exists)
          outcomes.push({ status: "synced", remote_exists: true, payload_hash: fingerprint, note: how })
        }
      }
      if (stores.length === 1) return outcomes[0]
      const sent = outcomes.some((o) => o.status === "synced")
      return {
        status: sent ? "synced" : "skipped",
        remote_exists: sent,
        payload_hash: outcomes[0].payload_hash,
        note: stores.map((s, i) => `${s.storeId}: ${outcomes[i].note}`).join("; "),
      }
    },
    (rev) => base.service.getQueue().enqueue("commerce.promo.sync", { promotion_id, rev })
  )
}
