import type { ProductCreateBody, ProductVariantBody } from "../../../mailchimp"
import type { MedusaOrderItem, MedusaProduct } from "./medusa-types"
import { filled, isoDate, money } from "./money"

export type ProductUrls = {
  /** e.g. "https://shop.example.com/products/{handle}"; no URL is sent without it. */
  template?: string
}

export function productUrl(handle: string | null | undefined, urls: ProductUrls): string | undefined {
  if (!urls.template || !filled(handle)) return undefined
  return urls.template.replace("{handle}", encodeURIComponent(handle))
}

/**
 * A Medusa product with its variants and images. Prices are the variant's price in the store's
 * currency; a product with no variant gets one carrying the product's id, as Mailchimp requires one.
 */
export function toMailchimpProduct(product: MedusaProduct, currencyCode: string, urls: ProductUrls): ProductCreateBody {
  const url = productUrl(product.handle, urls)
  const images = (product.images ?? []).filter((i) => filled(i.url)).map((i) => ({ id: i.id, url: i.url }))
  const imageUrl = filled(product.thumbnail) ? product.thumbnail : images[0]?.url
  const visibility = product.status && product.status !== "published" ? "hidden" : "visible"
  const currency = currencyCode.toLowerCase()
  const variants: ProductVariantBody[] = (product.variants ?? []).map((v) => {
    const price = v.prices?.find((p) => p.currency_code?.toLowerCase() === currency)?.amount
    return compact({
      id: v.id,
      title: filled(v.title) ? v.title : product.title,
      sku: filled(v.sku) ? v.sku : undefined,
      price: price === undefined || price === null ? undefined : money(price),
      url,
      image_url: imageUrl,
      backorders: v.allow_backorder ? "true" : undefined,
      visibility,
    })
  })
  if (!variants.length) {
    variants.push(compact({ id: product.id, title: product.title, url, image_url: imageUrl, visibility }))
  }
  return compact({
    id: product.id,
    title: product.title,
    handle: filled(product.handle) ? product.handle : undefined,
    url,
    description: filled(product.description) ? product.description : undefined,
    type: filled(product.type?.value) ? product.type!.value! : undefined,
    image_url: imageUrl,
    images: images.length ? images : undefined,
    published_at_foreign: isoDate(product.created_at),
    variants,
  })
}

/** The product and variant ids an order line is sent with: a line without a product gets its own. */
export function lineRefs(item: MedusaOrderItem): { product_id: string; product_variant_id: string } {
  const productId = item.product_id ?? `line-${item.id}`
  return { product_id: productId, product_variant_id: item.variant_id ?? productId }
}

/**
 * A stand-in for a product that no longer exists in the store (or never did: a custom line),
 * rebuilt from what the order lines remember of it, so that an order referring to it is still
 * accepted. Hidden, as it cannot be bought.
 */
export function placeholderProduct(productId: string, lines: MedusaOrderItem[]): ProductCreateBody {
  const own = lines.filter((l) => lineRefs(l).product_id === productId)
  const first = own[0]
  const title = first?.product_title ?? first?.title ?? `Deleted product ${productId}`
  const variants = new Map<string, ProductVariantBody>()
  for (const line of own) {
    const id = lineRefs(line).product_variant_id
    if (!variants.has(id)) {
      variants.set(
        id,
        compact({
          id,
          title: filled(line.variant_title) ? line.variant_title : title,
          sku: filled(line.variant_sku) ? line.variant_sku : undefined,
          price: money(line.unit_price),
          visibility: "hidden",
        })
      )
    }
  }
  if (!variants.size) variants.set(productId, { id: productId, title, visibility: "hidden" })
  return compact({
    id: productId,
    title,
    handle: filled(first?.product_handle) ? first!.product_handle! : undefined,
    image_url: filled(first?.thumbnail) ? first!.thumbnail! : undefined,
    variants: [...variants.values()],
  })
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
