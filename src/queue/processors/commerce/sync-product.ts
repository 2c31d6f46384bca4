import { isNotFound } from "../describe-error"
import { toMailchimpProduct } from "../../../modules/mailchimp-commerce/mapping"
import { readProducts, readStoreFacts } from "../../../modules/mailchimp-commerce/store-data"
import type { JobPayload } from "../../jobs"
import type { ProcessorContext } from "../context"
import { commerceContext } from "./context"
import { ensureStore } from "./ensure-store"
import { payloadHash } from "./payload-hash"
import { runSync } from "./run-sync"
import { upsertProduct } from "./upsert-product"

/** commerce.product.sync: the product as it is now, with its variants and images; deleted → deleted. */
export async function syncProduct({ product_id }: JobPayload<"commerce.product.sync">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { client, storeId, commerce } = ctx
  return runSync(
    ctx,
    "product",
    product_id,
    async (row) => {
      await ensureStore(ctx)
      const [product] = row.action === "delete" ? [] : await readProducts(ctx.query, [product_id])
      if (!product) {
        await client.ecommerce.products.delete(storeId, product_id).catch((e) => {
          if (!isNotFound(e)) throw e
        })
        return { status: "synced", remote_exists: false, note: "deleted" }
      }
      const facts = await readStoreFacts(ctx.query)
      const body = toMailchimpProduct(product, facts.currencyCode, { template: productUrlTemplate(commerce.getOptions()) })
      const hash = payloadHash(body)
      if (row.remote_exists && row.payload_hash === hash) {
        return { status: "synced", remote_exists: true, note: "unchanged" }
      }
      const how = await upsertProduct(client, storeId, body, row.remote_exists)
      return { status: "synced", remote_exists: true, payload_hash: hash, note: how }
    },
    (rev) => base.service.getQueue().enqueue("commerce.product.sync", { product_id, rev })
  )
}

export function productUrlTemplate(options: { productUrlTemplate?: string; storefrontUrl?: string }): string | undefined {
  if (options.productUrlTemplate) return options.productUrlTemplate
  return options.storefrontUrl ? `${options.storefrontUrl.replace(/\/+$/, "")}/products/{handle}` : undefined
}
