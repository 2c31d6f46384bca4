import { MailchimpError } from "../../../mailchimp"
import { isNotFound } from "../describe-error"
import { toMailchimpStore } from "../../../modules/mailchimp-commerce/mapping"
import { readStoreFacts } from "../../../modules/mailchimp-commerce/store-data"
import type { CommerceContext } from "./context"
import { isDuplicate } from "./mailchimp-answers"
import { payloadHash } from "./payload-hash"

/**
 * Connects the Mailchimp store (id, audience, name, currency) or brings it up to date. While a
 * backfill runs the store is marked `is_syncing`, which keeps Mailchimp's automations from
 * mailing people about years-old orders. Answers what it did.
 */
export async function connectStore(ctx: CommerceContext, again = false): Promise<"created" | "updated" | "unchanged"> {
  const { client, commerce, storeId } = ctx
  const { body, hash } = await storeBody(ctx)
  const [ref] = await commerce.requestSync([{ object_type: "store", object_id: storeId }])
  const row = await commerce.getSync("store", storeId)
  if (!again && row?.remote_exists && row.payload_hash === hash) {
    // A store made again keeps saying so until a backfill (which updates the store twice) has sent everything.
    await commerce.completeSync(ref, { status: "synced", remote_exists: true, note: row.note === RECREATED ? RECREATED : "unchanged" })
    return "unchanged"
  }
  let how: "created" | "updated"
  let note: string = ""
  const existing = await client.ecommerce.stores.get(storeId).catch((e) => {
    if (e instanceof MailchimpError && e.status === 404) return null
    throw e
  })
  if (existing && existing.list_id !== ctx.store.audienceId) {
    throw new MailchimpError({
      status: 400,
      title: "Store bound to another audience",
      detail: `The Mailchimp store ${storeId} belongs to audience ${existing.list_id}; a store's audience cannot change. Set the storeId option (with salesChannels, the channel's storeId) to a new id.`,
      retryable: false,
    })
  }
  if (existing) {
    const { id: _id, list_id: _list, ...update } = body
    await client.ecommerce.stores.update(storeId, update)
    how = "updated"
  } else {
    try {
      await client.ecommerce.stores.create(body)
      how = "created"
      // The store was connected before (a body was accepted once): Mailchimp lost it, and everything in it.
      if (row?.payload_hash) {
        note = RECREATED
        await commerce.forgetStoreObjects()
      }
    } catch (e) {
      if (!isDuplicate(e)) throw e
      const { id: _id, list_id: _list, ...update } = body
      await client.ecommerce.stores.update(storeId, update)
      how = "updated"
    }
  }
  if (!(await commerce.completeSync(ref, { status: "synced", remote_exists: true, payload_hash: hash, note: note || how })) && !again) {
    // Another connection was asked for while this write was in flight, and may have landed first (a write that read
    // "no backfill" just before one started would undo the backfill's is_syncing): the store is written once more,
    // as things are now, whatever the row's hash says.
    return connectStore(ctx, true)
  }
  return how
}

/** The store as Mailchimp should hold it now: `is_syncing` while a backfill runs. */
async function storeBody(ctx: CommerceContext) {
  const { store } = ctx
  const facts = await readStoreFacts(ctx.query)
  const [running] = await ctx.commerce.listBackfillRuns({ status: "running" }, { take: 1, select: ["id"] })
  const body = toMailchimpStore({
    id: ctx.storeId,
    audienceId: store.audienceId,
    name: store.name ?? facts.name,
    currencyCode: store.currency ?? facts.currencyCode,
    storefrontUrl: store.storefrontUrl,
    isSyncing: !!running,
  })
  return { body, hash: payloadHash(body) }
}

/**
 * Before a backfill sends a batch: Mailchimp holds the store as it should be now, flagged `is_syncing` (the run is
 * running), so that no page reaches Mailchimp while its automations could still mail people about years-old orders.
 * The store row's hash says whether the last body Mailchimp accepted was this one; if not, the store is written first
 * (a failure fails the page's job, which is retried: the batch waits).
 */
export async function ensureStoreSyncing(ctx: CommerceContext): Promise<void> {
  const [{ hash }, row] = await Promise.all([storeBody(ctx), ctx.commerce.getSync("store", ctx.storeId)])
  if (row?.remote_exists && row.status === "synced" && row.payload_hash === hash) return
  await connectStore(ctx)
}

/** The store row's note once Mailchimp lost the store: what the merchant must do (the health check shows it). */
export const RECREATED =
  "created again: Mailchimp no longer had the store, nor its customers, products and orders; they are sent again as they change, and a backfill sends them all"

const connecting = new Map<string, Promise<unknown>>()

/**
 * Connects the store first when Mailchimp is not known to hold it: every e-commerce write needs
 * it. Jobs of one worker that need it at the same moment share one connection attempt.
 */
export async function ensureStore(ctx: CommerceContext): Promise<void> {
  const row = await ctx.commerce.getSync("store", ctx.storeId)
  if (row?.remote_exists && row.status === "synced") return
  let attempt = connecting.get(ctx.storeId)
  if (!attempt) {
    attempt = connectStore(ctx).finally(() => connecting.delete(ctx.storeId))
    connecting.set(ctx.storeId, attempt)
  }
  await attempt
}

/**
 * A write into the store answered 404. When the store itself is gone (deleted in Mailchimp, or a new account beside a
 * database that remembers), Mailchimp took its customers, products and orders along: they are all marked as not held,
 * the store is to be connected again, and the write is retried (which connects it first). Whether the 404 was the
 * store's is asked, not guessed from the path: a PATCH of a product Mailchimp lost answers 404 too, in a store that is
 * there, and an upsert (PUT) of a customer answers 404 only for a missing store.
 */
export async function storeGone(ctx: CommerceContext, e: unknown): Promise<boolean> {
  if (!isNotFound(e)) return false
  const path = ((e as MailchimpError).path ?? "").replace(/\?.*$/, "")
  // The store the write went to, from its path (a job routed by sales channel may write to several).
  const named = /^\/ecommerce\/stores\/([^/]+)\//.exec(path)
  if (!named) return false
  const storeId = decodeURIComponent(named[1])
  const store = await ctx.client.ecommerce.stores.get(storeId, { fields: ["id"] }).catch((x) => {
    if (isNotFound(x)) return null
    throw x
  })
  if (store) return false
  ctx.logger.warn(`medusa-mailchimp: the Mailchimp store ${storeId} is gone; it is created again and its objects are sent again as they change (a backfill sends them all)`)
  await ctx.commerce.forgetRemoteStore(storeId)
  return true
}
