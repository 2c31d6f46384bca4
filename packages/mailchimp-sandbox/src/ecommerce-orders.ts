/**
 * Store orders. The order's customer is added or updated with it (and its address goes to the audience by the
 * customer rule); lines must name a product and variant the store has or had: Mailchimp keeps accepting lines
 * of a product deleted since.
 */
import { customerView, indexOrderAdded, readCustomerInput, requireCustomer, saveCustomer } from "./ecommerce-customers"
import { knownProduct } from "./ecommerce-products"
import type { OrderLineRecord, OrderRecord, StoreRecord } from "./ecommerce-types"
import { mergeInto, readFields, requireFields, requireText, withFieldDefaults, type FieldSpec } from "./field-spec"
import type { MemberContext } from "./members"
import { ApiError, errors } from "./problems"
import { apiTime } from "./time"
import type { ListRecord } from "./types"

const ORDER_ADDRESS: FieldSpec = {
  name: "string",
  address1: "string",
  address2: "string",
  city: "string",
  province: "string",
  province_code: "string",
  postal_code: "string",
  country: "string",
  country_code: "string",
  longitude: "number",
  latitude: "number",
  phone: "string",
  company: "string",
}

const ORDER_FIELDS: FieldSpec = {
  campaign_id: "string",
  landing_site: "string",
  financial_status: "string",
  fulfillment_status: "string",
  currency_code: "string",
  order_total: "number",
  order_url: "string",
  discount_total: "number",
  tax_total: "number",
  shipping_total: "number",
  tracking_code: "string",
  processed_at_foreign: "date-time",
  cancelled_at_foreign: "date-time",
  updated_at_foreign: "date-time",
  shipping_address: { object: ORDER_ADDRESS },
  billing_address: { object: ORDER_ADDRESS },
  outreach: { object: { id: "string" } },
  tracking_number: "string",
  tracking_carrier: "string",
  tracking_url: "string",
}

const ORDER_DEFAULTS = {
  campaign_id: "",
  landing_site: "",
  financial_status: "",
  fulfillment_status: "",
  currency_code: "",
  order_total: 0,
  order_url: "",
  discount_total: 0,
  tax_total: 0,
  shipping_total: 0,
  tracking_number: "",
  tracking_carrier: "",
  tracking_url: "",
}

const LINE_FIELDS: FieldSpec = {
  product_id: "string",
  product_variant_id: "string",
  quantity: "integer",
  price: "number",
  discount: "number",
}

type Body = Record<string, unknown>

export function requireOrder(store: StoreRecord, id: string): OrderRecord {
  const order = store.orders.get(id)
  if (!order) throw errors.notFound()
  return order
}

function readOrderFields(body: Body): Body {
  const fields = readFields(body, ORDER_FIELDS)
  if (fields.tracking_code !== undefined && fields.tracking_code !== "prec") {
    throw errors.invalidResource([{ field: "tracking_code", message: "Value is not one of enum values: prec" }])
  }
  if (typeof fields.currency_code === "string") fields.currency_code = fields.currency_code.toUpperCase()
  return fields
}

function readPromos(value: unknown): Body[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw errors.invalidResource([{ field: "promos", message: "Schema describes array" }])
  return value.map((raw, i) => {
    const at = `promos.${i}`
    const p = (raw && typeof raw === "object" ? raw : {}) as Body
    requireFields(p, ["code", "amount_discounted", "type"], at)
    const read = readFields(p, { code: "string", amount_discounted: "number", type: "string" }, at)
    if (read.type !== "fixed" && read.type !== "percentage") {
      throw errors.invalidResource([{ field: `${at}.type`, message: "Value is not one of enum values: fixed, percentage" }])
    }
    return read
  })
}

export function checkProduct(store: StoreRecord, line: { product_id: string; product_variant_id: string }, at: string): void {
  const product = knownProduct(store, line.product_id)
  if (!product) {
    throw errors.invalidResource([
      { field: `${at}.product_id`, message: `A product with the provided ID (${line.product_id}) does not exist in this store.` },
    ])
  }
  if (!product.variants.has(line.product_variant_id)) {
    throw errors.invalidResource([
      {
        field: `${at}.product_variant_id`,
        message: `A variant with the provided ID (${line.product_variant_id}) does not exist for product ${line.product_id}.`,
      },
    ])
  }
}

function newLine(store: StoreRecord, body: Body, at: string): OrderLineRecord {
  requireFields(body, ["id", "product_id", "product_variant_id", "quantity", "price"], at)
  const fields = readFields(body, LINE_FIELDS, at)
  const line: OrderLineRecord = {
    id: requireText(body.id, `${at}.id`),
    product_id: fields.product_id as string,
    product_variant_id: fields.product_variant_id as string,
    quantity: fields.quantity as number,
    price: fields.price as number,
    discount: (fields.discount as number | undefined) ?? 0,
  }
  checkProduct(store, line, at)
  return line
}

export function asObjects(value: unknown, field: string): Body[] {
  if (!Array.isArray(value) || value.some((v) => !v || typeof v !== "object" || Array.isArray(v))) {
    throw errors.invalidResource([{ field, message: "Schema describes array of objects" }])
  }
  return value as Body[]
}

/** POST …/orders */
export function createOrder(ctx: MemberContext, store: StoreRecord, body: Body): OrderRecord {
  requireFields(body, ["id", "customer", "currency_code", "order_total", "lines"])
  const id = requireText(body.id, "id")
  const fields = readOrderFields(body)
  const promos = readPromos(body.promos)
  if (!body.customer || typeof body.customer !== "object" || Array.isArray(body.customer)) {
    throw errors.invalidResource([{ field: "customer", message: "Schema describes object" }])
  }
  const customerBody = body.customer as Body
  requireFields(customerBody, ["id"], "customer")
  const customerInput = readCustomerInput(customerBody, "customer")
  const lineBodies = asObjects(body.lines, "lines")
  if (!lineBodies.length) throw errors.invalidResource([{ field: "lines", message: "An order needs at least one line." }])
  const lines = lineBodies.map((l, i) => newLine(store, l, `lines.${i}`))
  const ids = new Set<string>()
  lines.forEach((l, i) => {
    if (ids.has(l.id)) throw errors.invalidResource([{ field: `lines.${i}.id`, message: `The line id ${l.id} appears twice.` }])
    ids.add(l.id)
  })
  if (store.orders.has(id)) {
    throw new ApiError(400, "Invalid Resource", "An order with the provided ID already exists.", [
      { field: "id", message: "An order with the provided ID already exists." },
    ])
  }
  const customer = saveCustomer(ctx, store, customerInput.id!, customerInput, "customer")
  const now = apiTime()
  const order: OrderRecord = {
    id,
    customer_id: customer.id,
    fields: { ...fields, ...(promos ? { promos } : {}) },
    lines,
    created_at: now,
    updated_at: now,
  }
  store.orders.set(id, order)
  indexOrderAdded(store, order)
  return order
}

/**
 * PATCH …/orders/{order_id}. Lines are matched by `id` (added when new). Mailchimp's 3.0.76 description names
 * no line `id` here, so strict mode refuses line changes on this endpoint.
 */
export function updateOrder(ctx: MemberContext, store: StoreRecord, order: OrderRecord, body: Body): OrderRecord {
  const fields = readOrderFields(body)
  const promos = readPromos(body.promos)
  let customerInput: ReturnType<typeof readCustomerInput> | undefined
  if (body.customer !== undefined) {
    if (!body.customer || typeof body.customer !== "object" || Array.isArray(body.customer)) {
      throw errors.invalidResource([{ field: "customer", message: "Schema describes object" }])
    }
    const { id: _id, email_address: _email, ...rest } = body.customer as Body
    customerInput = readCustomerInput(rest, "customer")
  }
  const lineUpdates = body.lines === undefined ? [] : asObjects(body.lines, "lines")
  const planned = lineUpdates.map((l, i) => {
    const at = `lines.${i}`
    if (typeof l.id !== "string" || !l.id) {
      throw errors.invalidResource([{ field: `${at}.id`, message: "The sandbox needs a line's id to know which line to change." }])
    }
    const current = order.lines.find((x) => x.id === l.id)
    if (!current) return { created: newLine(store, l, at) }
    const update = readFields(l, LINE_FIELDS, at)
    const next = { ...current, ...update } as OrderLineRecord
    checkProduct(store, next, at)
    return { current, next }
  })
  if (customerInput) {
    const customer = store.customers.get(order.customer_id) ?? requireCustomer(store, order.customer_id)
    saveCustomer(ctx, store, customer.id, customerInput, "customer")
  }
  mergeInto(order.fields, fields)
  if (promos) order.fields.promos = promos
  for (const plan of planned) {
    if (plan.created) order.lines.push(plan.created)
    else Object.assign(plan.current!, plan.next)
  }
  order.updated_at = apiTime()
  return order
}

function lineView(store: StoreRecord, line: OrderLineRecord): Record<string, unknown> {
  const product = knownProduct(store, line.product_id)
  const variant = product?.variants.get(line.product_variant_id)
  return {
    id: line.id,
    product_id: line.product_id,
    product_title: String(product?.fields.title ?? ""),
    product_variant_id: line.product_variant_id,
    product_variant_title: String(variant?.fields.title ?? ""),
    image_url: String(variant?.fields.image_url || product?.fields.image_url || ""),
    quantity: line.quantity,
    price: line.price,
    discount: line.discount,
    _links: [],
  }
}

export function orderView(list: ListRecord | undefined, store: StoreRecord, order: OrderRecord): Record<string, unknown> {
  const customer = store.customers.get(order.customer_id)
  const { promos, ...fields } = order.fields
  return {
    id: order.id,
    customer: customer
      ? customerView(list, store, customer)
      : { id: order.customer_id, email_address: "", opt_in_status: false, orders_count: 0, total_spent: 0, _links: [] },
    store_id: store.id,
    ...withFieldDefaults(ORDER_DEFAULTS, fields),
    promos: Array.isArray(promos) ? structuredClone(promos) : [],
    lines: order.lines.map((l) => lineView(store, l)),
    _links: [],
  }
}

/** GET …/orders filters: customer_id, campaign_id, outreach_id, has_outreach. */
export function orderMatches(order: OrderRecord, q: Record<string, unknown>): boolean {
  if (typeof q.customer_id === "string" && q.customer_id && order.customer_id !== q.customer_id) return false
  if (typeof q.campaign_id === "string" && q.campaign_id && order.fields.campaign_id !== q.campaign_id) return false
  const outreach = (order.fields.outreach as { id?: string } | undefined)?.id
  if (typeof q.outreach_id === "string" && q.outreach_id && outreach !== q.outreach_id) return false
  if (q.has_outreach !== undefined) {
    const wanted = q.has_outreach === true || q.has_outreach === "true"
    if (wanted !== !!outreach) return false
  }
  return true
}

/**
 * The ids of the store's orders that pass the filters, in the store's order. Without filters (or with
 * customer_id alone) no order is decoded.
 */
export function matchingOrderIds(store: StoreRecord, q: Record<string, unknown>): string[] {
  const byCustomer = typeof q.customer_id === "string" && q.customer_id ? store.customer_orders.get(q.customer_id) ?? [] : undefined
  const ids = byCustomer === undefined ? [...store.orders.keys()] : typeof byCustomer === "string" ? [byCustomer] : [...byCustomer]
  const { customer_id: _c, ...rest } = q
  const filtered = ["campaign_id", "outreach_id", "has_outreach"].some((k) => rest[k] !== undefined && rest[k] !== "")
  return filtered ? ids.filter((id) => orderMatches(store.orders.peek(id)!, rest)) : ids
}
