/**
 * Store carts (Mailchimp's abandoned-cart source). A cart's customer is added or updated with it, by the customer
 * rule (an address the audience does not hold joins it as transactional unless `opt_in_status` is true); lines
 * name a product and variant the store has, as order lines do. Lines have ids of their own and their own
 * endpoints (POST, PATCH, DELETE …/carts/{cart_id}/lines[/{line_id}]); the 3.0.76 description names no line `id`
 * on PATCH …/carts/{cart_id}, so line changes there are refused in strict mode, as for orders.
 */
import { customerView, readCustomerInput, saveCustomer } from "./ecommerce-customers"
import { asObjects, checkProduct } from "./ecommerce-orders"
import { knownProduct } from "./ecommerce-products"
import type { CartLineRecord, CartRecord, StoreRecord } from "./ecommerce-types"
import { mergeInto, readFields, requireFields, requireText, withFieldDefaults, type FieldSpec } from "./field-spec"
import type { MemberContext } from "./members"
import { ApiError, errors } from "./problems"
import { apiTime } from "./time"
import type { ListRecord } from "./types"

const CART_FIELDS: FieldSpec = {
  campaign_id: "string",
  checkout_url: "string",
  currency_code: "string",
  order_total: "number",
  tax_total: "number",
}

const CART_DEFAULTS = { campaign_id: "", checkout_url: "", currency_code: "", order_total: 0, tax_total: 0 }

const LINE_FIELDS: FieldSpec = {
  product_id: "string",
  product_variant_id: "string",
  quantity: "integer",
  price: "number",
}

type Body = Record<string, unknown>

export function requireCart(store: StoreRecord, id: string): CartRecord {
  const cart = store.carts.get(id)
  if (!cart) throw errors.notFound()
  return cart
}

export function requireCartLine(cart: CartRecord, id: string): CartLineRecord {
  const line = cart.lines.find((l) => l.id === id)
  if (!line) throw errors.notFound()
  return line
}

function readCartFields(body: Body): Body {
  const fields = readFields(body, CART_FIELDS)
  if (typeof fields.currency_code === "string") fields.currency_code = fields.currency_code.toUpperCase()
  return fields
}

/** A new line (POST …/lines, or one of a new cart's lines): every field required, its product known. */
export function newCartLine(store: StoreRecord, body: Body, at = ""): CartLineRecord {
  const prefix = at ? `${at}.` : ""
  requireFields(body, ["id", "product_id", "product_variant_id", "quantity", "price"], at)
  const fields = readFields(body, LINE_FIELDS, at)
  const line: CartLineRecord = {
    id: requireText(body.id, `${prefix}id`),
    product_id: fields.product_id as string,
    product_variant_id: fields.product_variant_id as string,
    quantity: fields.quantity as number,
    price: fields.price as number,
  }
  checkProduct(store, line, at || "line")
  return line
}

function duplicateLine(id: string, field: string): ApiError {
  return new ApiError(400, "Invalid Resource", "A cart line with the provided ID already exists.", [
    { field, message: `The line id ${id} appears twice.` },
  ])
}

/** POST …/carts */
export function createCart(ctx: MemberContext, store: StoreRecord, body: Body): CartRecord {
  requireFields(body, ["id", "customer", "currency_code", "order_total", "lines"])
  const id = requireText(body.id, "id")
  const fields = readCartFields(body)
  if (!body.customer || typeof body.customer !== "object" || Array.isArray(body.customer)) {
    throw errors.invalidResource([{ field: "customer", message: "Schema describes object" }])
  }
  const customerInput = readCustomerInput(body.customer as Body, "customer")
  requireFields(body.customer as Body, ["id"], "customer")
  const lines = asObjects(body.lines, "lines").map((l, i) => newCartLine(store, l, `lines.${i}`))
  const ids = new Set<string>()
  lines.forEach((l, i) => {
    if (ids.has(l.id)) throw duplicateLine(l.id, `lines.${i}.id`)
    ids.add(l.id)
  })
  if (store.carts.has(id)) {
    throw new ApiError(400, "Invalid Resource", "A cart with the provided ID already exists.", [
      { field: "id", message: "A cart with the provided ID already exists." },
    ])
  }
  const customer = saveCustomer(ctx, store, customerInput.id!, customerInput, "customer")
  const now = apiTime()
  const cart: CartRecord = { id, customer_id: customer.id, fields, lines, created_at: now, updated_at: now }
  store.carts.set(id, cart)
  return cart
}

/** PATCH …/carts/{cart_id}: the cart's fields and its customer's (not their id or address). */
export function updateCart(ctx: MemberContext, store: StoreRecord, cart: CartRecord, body: Body): CartRecord {
  const fields = readCartFields(body)
  if (body.customer !== undefined) {
    if (!body.customer || typeof body.customer !== "object" || Array.isArray(body.customer)) {
      throw errors.invalidResource([{ field: "customer", message: "Schema describes object" }])
    }
    const { id: _id, email_address: _email, ...rest } = body.customer as Body
    const input = readCustomerInput(rest, "customer")
    if (store.customers.has(cart.customer_id)) saveCustomer(ctx, store, cart.customer_id, input, "customer")
  }
  const lineUpdates = body.lines === undefined ? [] : asObjects(body.lines, "lines")
  const planned = lineUpdates.map((l, i) => {
    const at = `lines.${i}`
    if (typeof l.id !== "string" || !l.id) {
      throw errors.invalidResource([{ field: `${at}.id`, message: "The sandbox needs a line's id to know which line to change." }])
    }
    const current = cart.lines.find((x) => x.id === l.id)
    if (!current) return { created: newCartLine(store, l, at) }
    const next = { ...current, ...readFields(l, LINE_FIELDS, at) } as CartLineRecord
    checkProduct(store, next, at)
    return { current, next }
  })
  mergeInto(cart.fields, fields)
  for (const plan of planned) {
    if (plan.created) cart.lines.push(plan.created)
    else Object.assign(plan.current!, plan.next)
  }
  cart.updated_at = apiTime()
  return cart
}

/** POST …/carts/{cart_id}/lines */
export function addCartLine(store: StoreRecord, cart: CartRecord, body: Body): CartLineRecord {
  const line = newCartLine(store, body)
  if (cart.lines.some((l) => l.id === line.id)) throw duplicateLine(line.id, "id")
  cart.lines.push(line)
  cart.updated_at = apiTime()
  return line
}

/** PATCH …/carts/{cart_id}/lines/{line_id} */
export function updateCartLine(store: StoreRecord, cart: CartRecord, line: CartLineRecord, body: Body): CartLineRecord {
  const next = { ...line, ...readFields(body, LINE_FIELDS) } as CartLineRecord
  checkProduct(store, next, "line")
  Object.assign(line, next)
  cart.updated_at = apiTime()
  return line
}

/** DELETE …/carts/{cart_id}/lines/{line_id} */
export function removeCartLine(cart: CartRecord, line: CartLineRecord): void {
  cart.lines = cart.lines.filter((l) => l !== line)
  cart.updated_at = apiTime()
}

export function cartLineView(store: StoreRecord, line: CartLineRecord): Record<string, unknown> {
  const product = knownProduct(store, line.product_id)
  const variant = product?.variants.get(line.product_variant_id)
  return {
    id: line.id,
    product_id: line.product_id,
    product_title: String(product?.fields.title ?? ""),
    product_variant_id: line.product_variant_id,
    product_variant_title: String(variant?.fields.title ?? ""),
    quantity: line.quantity,
    price: line.price,
    _links: [],
  }
}

export function cartView(list: ListRecord | undefined, store: StoreRecord, cart: CartRecord): Record<string, unknown> {
  const customer = store.customers.get(cart.customer_id)
  return {
    id: cart.id,
    customer: customer
      ? customerView(list, store, customer)
      : { id: cart.customer_id, email_address: "", opt_in_status: false, orders_count: 0, total_spent: 0, _links: [] },
    store_id: store.id,
    ...withFieldDefaults(CART_DEFAULTS, cart.fields),
    lines: cart.lines.map((l) => cartLineView(store, l)),
    created_at: cart.created_at,
    updated_at: cart.updated_at,
    _links: [],
  }
}
