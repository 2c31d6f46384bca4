/** Store products, their variants and images. A deleted product is kept aside: order lines may still name it. */
import type { ImageRecord, ProductRecord, StoreRecord, VariantRecord } from "./ecommerce-types"
import { mergeInto, readFields, requireFields, requireText, withFieldDefaults, type FieldSpec } from "./field-spec"
import { ApiError, errors } from "./problems"
import { currencyOf } from "./ecommerce-stores"
import { apiTime } from "./time"

const PRODUCT_FIELDS: FieldSpec = {
  title: "string",
  handle: "string",
  url: "string",
  description: "string",
  type: "string",
  vendor: "string",
  image_url: "string",
  published_at_foreign: "date-time",
}

const PRODUCT_DEFAULTS = { title: "", handle: "", url: "", description: "", type: "", vendor: "", image_url: "" }

const VARIANT_FIELDS: FieldSpec = {
  title: "string",
  url: "string",
  sku: "string",
  price: "number",
  inventory_quantity: "integer",
  image_url: "string",
  backorders: "string",
  visibility: "string",
}

const VARIANT_DEFAULTS = {
  title: "",
  url: "",
  sku: "",
  price: 0,
  inventory_quantity: 0,
  image_url: "",
  backorders: "",
  visibility: "",
}

type Body = Record<string, unknown>

const exists = (what: string) =>
  new ApiError(400, "Invalid Resource", `A ${what} with the provided ID already exists.`, [
    { field: "id", message: `A ${what} with the provided ID already exists.` },
  ])

export function requireProduct(store: StoreRecord, id: string): ProductRecord {
  const product = store.products.get(id)
  if (!product) throw errors.notFound()
  return product
}

export function requireVariant(product: ProductRecord, id: string): VariantRecord {
  const variant = product.variants.get(id)
  if (!variant) throw errors.notFound()
  return variant
}

function asObjects(value: unknown, field: string): Body[] {
  if (!Array.isArray(value) || value.some((v) => !v || typeof v !== "object" || Array.isArray(v))) {
    throw errors.invalidResource([{ field, message: "Schema describes array of objects" }])
  }
  return value as Body[]
}

function newVariant(body: Body, at: string): VariantRecord {
  requireFields(body, ["id", "title"], at)
  const now = apiTime()
  return {
    id: requireText(body.id, at ? `${at}.id` : "id"),
    fields: readFields(body, VARIANT_FIELDS, at),
    created_at: now,
    updated_at: now,
  }
}

function readImage(body: Body, at: string, current?: ImageRecord): ImageRecord {
  if (!current) requireFields(body, ["id", "url"], at)
  const fields = readFields(body, { id: "string", url: "string", variant_ids: "string[]" }, at)
  return {
    id: current?.id ?? requireText(fields.id, `${at}.id`),
    url: (fields.url as string | undefined) ?? current?.url ?? "",
    variant_ids: (fields.variant_ids as string[] | undefined) ?? current?.variant_ids ?? [],
  }
}

/** POST …/products: at least one variant; ids are unique within the store (400 for a duplicate). */
export function createProduct(store: StoreRecord, body: Body): ProductRecord {
  requireFields(body, ["id", "title", "variants"])
  const id = requireText(body.id, "id")
  const fields = readFields(body, PRODUCT_FIELDS)
  requireText(fields.title, "title")
  const variantBodies = asObjects(body.variants, "variants")
  if (!variantBodies.length) {
    throw errors.invalidResource([{ field: "variants", message: "At least one variant is required for each product." }])
  }
  const variants = new Map<string, VariantRecord>()
  variantBodies.forEach((v, i) => {
    const variant = newVariant(v, `variants.${i}`)
    if (variants.has(variant.id)) {
      throw errors.invalidResource([{ field: `variants.${i}.id`, message: `The variant id ${variant.id} appears twice.` }])
    }
    variants.set(variant.id, variant)
  })
  const images = body.images === undefined ? [] : asObjects(body.images, "images").map((b, i) => readImage(b, `images.${i}`))
  if (store.products.has(id)) throw exists("product")
  const now = apiTime()
  const product: ProductRecord = { id, fields, variants, images, created_at: now, updated_at: now }
  store.deleted_products.delete(id)
  store.products.set(id, product)
  return product
}

/**
 * PATCH …/products/{product_id}. Variants and images are matched by `id` (added when new). Mailchimp's 3.0.76
 * description names no `id` for PATCH variants, so strict mode refuses variant changes here: use the variant
 * endpoints (PUT …/variants/{variant_id}).
 */
export function updateProduct(product: ProductRecord, body: Body): ProductRecord {
  const fields = readFields(body, PRODUCT_FIELDS)
  if (fields.title !== undefined) requireText(fields.title, "title")
  const variantUpdates = body.variants === undefined ? [] : asObjects(body.variants, "variants")
  const imageUpdates = body.images === undefined ? [] : asObjects(body.images, "images")
  const plannedVariants = variantUpdates.map((v, i) => {
    const at = `variants.${i}`
    if (typeof v.id !== "string" || !v.id) {
      throw errors.invalidResource([{ field: `${at}.id`, message: "The sandbox needs a variant's id to know which variant to change." }])
    }
    const current = product.variants.get(v.id)
    return current ? { current, fields: readFields(v, VARIANT_FIELDS, at) } : { created: newVariant(v, at) }
  })
  const plannedImages = imageUpdates.map((img, i) => {
    const at = `images.${i}`
    if (typeof img.id !== "string" || !img.id) {
      throw errors.invalidResource([{ field: `${at}.id`, message: "Required fields were not provided: id" }])
    }
    const current = product.images.find((x) => x.id === img.id)
    return { current, image: readImage(img, at, current) }
  })
  const now = apiTime()
  mergeInto(product.fields, fields)
  for (const plan of plannedVariants) {
    if (plan.created) product.variants.set(plan.created.id, plan.created)
    else {
      mergeInto(plan.current!.fields, plan.fields!)
      plan.current!.updated_at = now
    }
  }
  for (const plan of plannedImages) {
    if (plan.current) Object.assign(plan.current, plan.image)
    else product.images.push(plan.image)
  }
  product.updated_at = now
  return product
}

export function deleteProduct(store: StoreRecord, product: ProductRecord): void {
  store.products.delete(product.id)
  store.deleted_products.set(product.id, product)
}

/** PUT …/variants/{variant_id}: add or replace-update. */
export function upsertVariant(product: ProductRecord, id: string, body: Body): VariantRecord {
  requireFields(body, ["id", "title"])
  if (body.id !== id) {
    throw errors.invalidResource([{ field: "id", message: `The id in the body (${String(body.id)}) differs from the one in the URL (${id}).` }])
  }
  const current = product.variants.get(id)
  if (!current) {
    const variant = newVariant(body, "")
    product.variants.set(id, variant)
    product.updated_at = variant.created_at
    return variant
  }
  return updateVariant(current, body)
}

export function updateVariant(variant: VariantRecord, body: Body): VariantRecord {
  mergeInto(variant.fields, readFields(body, VARIANT_FIELDS))
  variant.updated_at = apiTime()
  return variant
}

export function deleteVariant(product: ProductRecord, variant: VariantRecord): void {
  product.variants.delete(variant.id)
  product.images.forEach((img) => (img.variant_ids = img.variant_ids.filter((v) => v !== variant.id)))
}

export function variantView(variant: VariantRecord): Record<string, unknown> {
  return {
    id: variant.id,
    ...withFieldDefaults(VARIANT_DEFAULTS, variant.fields),
    created_at: variant.created_at,
    updated_at: variant.updated_at,
    _links: [],
  }
}

export function productView(store: StoreRecord, product: ProductRecord): Record<string, unknown> {
  return {
    id: product.id,
    currency_code: currencyOf(store),
    ...withFieldDefaults(PRODUCT_DEFAULTS, product.fields),
    variants: [...product.variants.values()].map(variantView),
    images: product.images.map((img) => ({ id: img.id, url: img.url, variant_ids: [...img.variant_ids], _links: [] })),
    _links: [],
  }
}

/** A product the store has, or had: order lines keep naming deleted products. */
export function knownProduct(store: StoreRecord, id: string): ProductRecord | undefined {
  return store.products.get(id) ?? store.deleted_products.get(id)
}
