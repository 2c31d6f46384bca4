import { storeById, storeTargets } from "../../../modules/mailchimp-commerce/channels"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { describeError } from "../describe-error"
import { commerceContext, inStore } from "./context"
import { connectStore as connect } from "./ensure-store"

/**
 * commerce.store.connect: the Mailchimp store (the one named, or each the options name) exists, with its name and
 * currency, and `is_syncing` exactly while a backfill runs. A refusal is kept on the store's row (the row stays
 * pending: the job is retried, then the reconciler queues it again), so a store left syncing shows why. One store's
 * refusal does not keep the others from being connected.
 */
export async function connectStore({ store_id }: JobPayload<"commerce.store.connect">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const options = ctx.commerce.getOptions()
  const named = store_id ? storeById(options, store_id) : undefined
  if (store_id && !named) return { skipped: `store ${store_id} is not in the options any more` }
  const stores = named ? [named] : storeTargets(options)
  const done: Record<string, string> = {}
  let failure: unknown
  for (const store of stores) {
    try {
      done[store.storeId] = await connect(inStore(ctx, store))
    } catch (e) {
      await ctx.commerce.noteSyncAttempt("store", store.storeId, describeError(e))
      failure ??= e
    }
  }
  if (failure) throw failure
  return stores.length === 1 && !store_id ? { store: done[stores[0].storeId] } : { stores: done }
}
