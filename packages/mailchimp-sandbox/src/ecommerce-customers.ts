/**
 * Store customers. A customer is tied to the store's audience by address: `opt_in_status: true` for an address the
 * audience does not hold adds it as `subscribed`; `false` adds it as `transactional` (no marketing). An address
 * the audience holds already keeps its status ("never overwrites the opt-in status of a pre-existing list
 * member"), except a transactional contact the e-commerce endpoints added, which `true` subscribes.
 */
import type { CustomerRecord, OrderRecord, StoreRecord } from "./ecommerce-types"
import {
  ADDRESS_FIELDS,
  EMPTY_ADDRESS,
  mergeInto,
  readFields,
  requireFields,
  requireText,
  withFieldDefaults,
  type FieldSpec,
} from "./field-spec"
import { isValidEmail, memberHash } from "./hash"
import { applyStatus, insertNew, type MemberContext } from "./members"
import { ApiError, errors } from "./problems"
import { apiTime } from "./time"
import type { ListRecord } from "./types"

const CUSTOMER_FIELDS: FieldSpec = {
  company: "string",
  first_name: "string",
  last_name: "string",
  address: { object: ADDRESS_FIELDS },
}

const CUSTOMER_DEFAULTS = { company: "", first_name: "", last_name: "", address: EMPTY_ADDRESS }

const MAX_ID_LENGTH = 50

type Body = Record<string, unknown>

export function requireCustomer(store: StoreRecord, id: string): CustomerRecord {
  const customer = store.customers.get(id)
  if (!customer) throw errors.notFound()
  return customer
}

function readEmailAddress(value: unknown, field: string): string {
  if (!isValidEmail(value)) throw errors.invalidResource([{ field, message: "Please provide a valid email address." }])
  return value.trim()
}

function readOptIn(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined
  if (typeof value !== "boolean") {
    throw errors.invalidResource([{ field, message: `Schema describes boolean, ${typeof value} found instead` }])
  }
  return value
}

function readId(value: unknown, field: string): string {
  const id = requireText(value, field)
  if (id.length > MAX_ID_LENGTH) {
    throw errors.invalidResource([{ field, message: `The id may hold at most ${MAX_ID_LENGTH} characters.` }])
  }
  return id
}

/** The customer's address on the store's audience, by the rule above. */
export function applyOptIn(ctx: MemberContext, customer: CustomerRecord, optIn: boolean | undefined): void {
  const hash = memberHash(customer.email_address)
  const member = ctx.list.members.get(hash)
  if (!member) {
    // A permanently deleted address is not added back by the API.
    if (ctx.list.forgotten.has(hash)) return
    const merges: Record<string, unknown> = {}
    const first = customer.fields.first_name
    const last = customer.fields.last_name
    if (typeof first === "string" && first && ctx.list.merge_fields.some((f) => f.tag === "FNAME")) merges.FNAME = first
    if (typeof last === "string" && last && ctx.list.merge_fields.some((f) => f.tag === "LNAME")) merges.LNAME = last
    const added = insertNew(
      { ...ctx, skipMergeValidation: true, sourceLabel: "API - E-commerce" },
      customer.email_address,
      optIn === true ? "subscribed" : "transactional",
      { merge_fields: merges }
    )
    added.added_by_ecommerce = true
    return
  }
  if (optIn === true && member.added_by_ecommerce && member.status === "transactional") {
    applyStatus(ctx, member, "subscribed")
  }
}

/** What a customer body holds, checked before anything changes. */
export interface CustomerInput {
  id?: string
  email_address?: string
  opt_in_status?: boolean
  fields: Body
}

export function readCustomerInput(body: Body, at = ""): CustomerInput {
  const field = (k: string) => (at ? `${at}.${k}` : k)
  return {
    id: body.id === undefined ? undefined : readId(body.id, field("id")),
    email_address: body.email_address === undefined ? undefined : readEmailAddress(body.email_address, field("email_address")),
    opt_in_status: readOptIn(body.opt_in_status, field("opt_in_status")),
    fields: readFields(body, CUSTOMER_FIELDS, at),
  }
}

/** Adds or changes a customer from checked input; a new one needs an address. */
export function saveCustomer(ctx: MemberContext, store: StoreRecord, id: string, input: CustomerInput, at = ""): CustomerRecord {
  const now = apiTime()
  let customer = store.customers.get(id)
  if (!customer) {
    if (!input.email_address) {
      throw errors.invalidResource([
        { field: at, message: `Required fields were not provided: ${at ? `${at}.` : ""}email_address` },
      ])
    }
    // The audience contact's copy of the address when it is the same (one string for both).
    const contact = ctx.list.members.get(memberHash(input.email_address))
    customer = {
      id,
      email_address: contact?.email_address === input.email_address ? contact.email_address : input.email_address,
      opt_in_status: input.opt_in_status ?? false,
      fields: input.fields,
      created_at: now,
      updated_at: now,
    }
    store.customers.set(id, customer)
    applyOptIn(ctx, customer, customer.opt_in_status)
    return customer
  }
  if (input.email_address) customer.email_address = input.email_address
  if (input.opt_in_status !== undefined) customer.opt_in_status = input.opt_in_status
  mergeInto(customer.fields, input.fields)
  customer.updated_at = now
  applyOptIn(ctx, customer, input.opt_in_status)
  return customer
}

/** POST …/customers: a new id only. */
export function createCustomer(ctx: MemberContext, store: StoreRecord, body: Body): CustomerRecord {
  requireFields(body, ["id", "email_address", "opt_in_status"])
  const input = readCustomerInput(body)
  if (store.customers.has(input.id!)) {
    throw new ApiError(400, "Invalid Resource", "A customer with the provided ID already exists.", [
      { field: "id", message: "A customer with the provided ID already exists." },
    ])
  }
  return saveCustomer(ctx, store, input.id!, input)
}

/** PUT …/customers/{customer_id}: add or update. */
export function upsertCustomer(ctx: MemberContext, store: StoreRecord, id: string, body: Body): CustomerRecord {
  requireFields(body, ["id", "email_address", "opt_in_status"])
  const input = readCustomerInput(body)
  if (input.id !== id) {
    throw errors.invalidResource([{ field: "id", message: `The id in the body (${input.id}) differs from the one in the URL (${id}).` }])
  }
  return saveCustomer(ctx, store, id, input)
}

/** PATCH …/customers/{customer_id}: the address cannot change here. */
export function updateCustomer(ctx: MemberContext, store: StoreRecord, id: string, body: Body): CustomerRecord {
  const customer = requireCustomer(store, id)
  const { id: _id, email_address: _email, ...rest } = body
  return saveCustomer(ctx, store, customer.id, readCustomerInput(rest))
}

/** Call after adding an order to `store.orders`. */
export function indexOrderAdded(store: StoreRecord, order: OrderRecord): void {
  const ids = store.customer_orders.get(order.customer_id)
  if (ids === undefined) store.customer_orders.set(order.customer_id, order.id)
  else if (typeof ids === "string") {
    if (ids !== order.id) store.customer_orders.set(order.customer_id, [ids, order.id])
  } else if (!ids.includes(order.id)) ids.push(order.id)
}

/** Call after removing an order from `store.orders`. */
export function indexOrderRemoved(store: StoreRecord, order: OrderRecord): void {
  const ids = store.customer_orders.get(order.customer_id)
  if (ids === undefined) return
  const rest = typeof ids === "string" ? [ids].filter((id) => id !== order.id) : ids.filter((id) => id !== order.id)
  if (!rest.length) store.customer_orders.delete(order.customer_id)
  else store.customer_orders.set(order.customer_id, rest.length === 1 ? rest[0] : rest)
}

export function customerView(list: ListRecord | undefined, store: StoreRecord, customer: CustomerRecord): Record<string, unknown> {
  let ordersCount = 0
  let totalSpent = 0
  const ids = store.customer_orders.get(customer.id) ?? []
  for (const id of typeof ids === "string" ? [ids] : ids) {
    const order = store.orders.get(id)
    if (!order) continue
    ordersCount += 1
    totalSpent += Number(order.fields.order_total ?? 0)
  }
  // The audience is the truth: a contact that unsubscribed is not opted in, whatever the store last said.
  const member = list?.members.get(memberHash(customer.email_address))
  const optedIn = member ? member.status === "subscribed" : customer.opt_in_status
  return {
    id: customer.id,
    email_address: customer.email_address,
    opt_in_status: optedIn,
    ...withFieldDefaults(CUSTOMER_DEFAULTS, customer.fields),
    orders_count: ordersCount,
    total_spent: Math.round(totalSpent * 100) / 100,
    created_at: customer.created_at,
    updated_at: customer.updated_at,
    _links: [],
  }
}
