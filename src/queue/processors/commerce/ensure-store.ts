import { MailchimpError } from "../../../mailchimp"
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
export async function connectStore(ctx: CommerceContext): Promise<"created" | "updated" | "unchanged"> {
  const { client, commerce, storeId } = ctx
  const options = commerce.getOptions()
  const facts = await readStoreFacts(ctx.query)
  const [running] = await commerce.listBackfillRuns({ status: "running" }, { take: 1, select: ["id"] })
  const body = toMailchimpStore({
    id: storeId,
    audienceId: options.audienceId,
    name: options.storeName ?? facts.name,
    currencyCode: facts.currencyCode,
    storefrontUrl: options.storefrontUrl,
    isSyncing: !!running,
  })
  const hash = payloadHash(body)
  const [ref] = await commerce.requestSync([{ object_type: "store", object_id: storeId }])
  const row = await commerce.getSync("store", storeId)
  if (row?.remote_exists && row.payload_hash === hash) {
    await commerce.completeSync(ref, { status: "synced", remote_exists: true, note: "unchanged" })
    return "unchanged"
  }
  let how: "created" | "updated"
  const existing = await client.ecommerce.stores.get(storeId).catch((e) => {
    if (e instanceof MailchimpError && e.status === 404) return null
    throw e
  })
  if (existing && existing.list_id !== options.audienceId) {
    throw new MailchimpError({
      status: 400,
      title: "Store bound to another audience",
      detail: `The Mailchimp store ${storeId} belongs to audience ${existing.list_id}; a store's audience cannot change. Set the storeId option to a new id.`,
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
    } catch (e) {
      if (!isDuplicate(e)) throw e
      const { id: _id, list_id: _list, ...update } = body
      await client.ecommerce.stores.update(storeId, update)
      how = "updated"
    }
  }
  await commerce.completeSync(ref, { status: "synced", remote_exists: true, payload_hash: hash, note: how })
  return how
}

let connecting: Promise<unknown> | undefined

/**
 * Connects the store first when Mailchimp is not known to hold it: every e-commerce write needs
 * it. Jobs of one worker that need it at the same moment share one connection attempt.
 */
export async function ensureStore(ctx: CommerceContext): Promise<void> {
  const row = await ctx.commerce.getSync("store", ctx.storeId)
  if (row?.remote_exists && row.status === "synced") return
  connecting ??= connectStore(ctx).finally(() => (connecting = undefined))
  await connecting
}

/**
 * A write into the store answered 404 for the store itself (it was deleted in Mailchimp): the
 * store is marked as not held, and the write is retried, which connects it again first.
 */
export async function storeGone(ctx: CommerceContext, e: unknown): Promise<boolean> {
  if (!(e instanceof MailchimpError) || e.status !== 404) return false
  const collection = new RegExp(`^/ecommerce/stores/${encodeURIComponent(ctx.storeId)}/(products|orders|customers)$`)
  if (e.method !== "POST" || !collection.test((e.path ?? "").replace(/\?.*$/, ""))) return false
  await ctx.commerce.setRemoteExists("store", [ctx.storeId], false)
  await ctx.commerce.requestSync([{ object_type: "store", object_id: ctx.storeId }])
  return true
}
