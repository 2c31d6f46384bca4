import { lineRefs, placeholderProduct } from "../../../modules/mailchimp-commerce/mapping"
import type { MedusaOrderItem } from "../../../modules/mailchimp-commerce/mapping"
import { readProducts } from "../../../modules/mailchimp-commerce/store-data"
import type { CommerceContext } from "./context"
import { productBody } from "./sync-product"
import { upsertProduct } from "./upsert-product"

/**
 * Makes sure Mailchimp holds every product (and variant) an order's lines name. A product the
 * store still has is sent as it is; one it no longer has (deleted before its order synced, or a
 * custom line) is sent as a hidden stand-in rebuilt from the lines, so the order is accepted
 * instead of being refused forever. `force` re-sends products believed present; `knownHeld`, when the
 * caller has looked already, is which of them Mailchimp holds.
 */
export async function ensureOrderProducts(
  ctx: CommerceContext,
  items: MedusaOrderItem[],
  force: Set<string> = new Set(),
  knownHeld?: Set<string>
): Promise<{ sent: string[]; placeholders: string[] }> {
  const { commerce, client, storeId } = ctx
  const ids = [...new Set(items.map((i) => lineRefs(i).product_id))]
  const known = knownHeld ?? (await commerce.remoteExisting("product", ids))
  const missing = ids.filter((id) => !known.has(id) || force.has(id))
  if (!missing.length) return { sent: [], placeholders: [] }
  const existing = await readProducts(ctx.query, missing.filter((id) => items.some((i) => i.product_id === id)))
  const placeholders: string[] = []
  for (const id of missing) {
    const product = existing.find((p) => p.id === id)
    const body = product ? await productBody(ctx, product) : placeholderProduct(id, items)
    if (product) {
      // The store's variants may not include one a line names (deleted variant): add it hidden.
      const have = new Set(body.variants.map((v) => v.id))
      for (const v of placeholderProduct(id, items).variants) if (!have.has(v.id)) body.variants.push(v)
    } else {
      placeholders.push(id)
    }
    await upsertProduct(client, storeId, body, known.has(id))
  }
  await commerce.recordBatchResults(
    "product",
    null,
    new Date(),
    missing.map((id) => ({ object_id: id, status: "synced" as const, remote_exists: true, note: placeholders.includes(id) ? "placeholder" : "sent with an order" }))
  )
  return { sent: missing, placeholders }
}
