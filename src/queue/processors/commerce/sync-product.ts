import { isNotFound } from "../describe-error"
import { storesOfChannels, storeTargets } from "../../../modules/mailchimp-commerce/channels"
import { toMailchimpProduct } from "../../../modules/mailchimp-commerce/mapping"
import type { MedusaProduct } from "../../../modules/mailchimp-commerce/mapping"
import { readProducts } from "../../../modules/mailchimp-commerce/store-data"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { commerceContext, CommerceContext, inStore, storeCurrency } from "./context"
import { ensureStore } from "./ensure-store"
import { payloadHash } from "./payload-hash"
import { runSync } from "./run-sync"
import { upsertProduct } from "./upsert-product"

/**
 * commerce.product.sync: the product as it is now, with its variants and images, in the store of each sales channel
 * it is published in (every store's own currency); deleted → deleted from every store. Published in no mapped
 * channel: skipped, with the reason.
 */
export async function syncProduct({ product_id }: JobPayload<"commerce.product.sync">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { client, commerce } = ctx
  const options = commerce.getOptions()
  return runSync(
    ctx,
    "product",
    product_id,
    async (row) => {
      const [product] = row.action === "delete" ? [] : await readProducts(ctx.query, [product_id])
      if (!product) {
        for (const store of storeTargets(options)) {
          await ensureStore(inStore(ctx, store))
          await client.ecommerce.products.delete(store.storeId, product_id).catch((e) => {
            if (!isNotFound(e)) throw e
          })
        }
        return { status: "synced", remote_exists: false, note: "deleted" }
      }
      const stores = storesOfChannels(options, (product.sales_channels ?? []).map((c) => c.id))
      if (!stores.length) {
        return { status: "skipped", remote_exists: row.remote_exists, note: "published in no sales channel mapped to a Mailchimp store (salesChannels option): not sent" }
      }
      const writes = await Promise.all(stores.map(async (store) => ({ ctx: inStore(ctx, store), body: await productBody(inStore(ctx, store), product) })))
      for (const w of writes) await ensureStore(w.ctx)
      // One store (no salesChannels): the hash of its body, as it always was; several: of every store's body.
      const hash = options.salesChannels ? payloadHash(writes.map((w) => [w.ctx.storeId, w.body])) : payloadHash(writes[0].body)
      if (row.remote_exists && row.payload_hash === hash) {
        return { status: "synced", remote_exists: true, note: "unchanged" }
      }
      const done: string[] = []
      for (const w of writes) {
        done.push(await upsertProduct(client, w.ctx.storeId, w.body, row.remote_exists))
      }
      const note = options.salesChannels ? writes.map((w, i) => `${done[i]} in ${w.ctx.storeId}`).join(", ") : done[0]
      return { status: "synced", remote_exists: true, payload_hash: hash, note }
    },
    (rev) => base.service.getQueue().enqueue("commerce.product.sync", { product_id, rev })
  )
}

/** The product as the context's store holds it: its prices in the store's currency, its URL on the store's storefront. */
export async function productBody(ctx: CommerceContext, product: MedusaProduct) {
  return toMailchimpProduct(product, await storeCurrency(ctx), { template: storeProductUrlTemplate(ctx) })
}

/** The product URL template of the context's store (its own storefront URL, else the plugin's). */
export function storeProductUrlTemplate(ctx: CommerceContext): string | undefined {
  const options = ctx.commerce.getOptions()
  return productUrlTemplate({ productUrlTemplate: options.productUrlTemplate, storefrontUrl: ctx.store.storefrontUrl ?? options.storefrontUrl })
}

export function productUrlTemplate(options: { productUrlTemplate?: string; storefrontUrl?: string }): string | undefined {
  if (options.productUrlTemplate) return options.productUrlTemplate
  return options.storefrontUrl ? `${options.storefrontUrl.replace(/\/+$/, "")}/products/{handle}` : undefined
}
