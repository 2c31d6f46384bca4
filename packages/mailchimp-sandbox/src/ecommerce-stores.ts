import { CompactMap } from "./compact-map"
import { connectStoreSite, storeConnectedSite } from "./connected-sites"
import type { StoreRecord } from "./ecommerce-types"
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
import { ApiError, errors } from "./problems"
import type { SandboxState } from "./state"
import { apiTime } from "./time"

const STORE_FIELDS: FieldSpec = {
  name: "string",
  platform: "string",
  domain: "string",
  is_syncing: "boolean",
  email_address: "string",
  currency_code: "string",
  money_format: "string",
  primary_locale: "string",
  timezone: "string",
  phone: "string",
  address: { object: { ...ADDRESS_FIELDS, longitude: "number", latitude: "number" } },
}

const STORE_DEFAULTS = {
  name: "",
  platform: "",
  domain: "",
  is_syncing: false,
  email_address: "",
  currency_code: "",
  money_format: "",
  primary_locale: "",
  timezone: "",
  phone: "",
  address: { ...EMPTY_ADDRESS, longitude: 0, latitude: 0 },
}

function readStoreFields(body: Record<string, unknown>): Record<string, unknown> {
  const fields = readFields(body, STORE_FIELDS)
  if (fields.name !== undefined) requireText(fields.name, "name")
  if (fields.currency_code !== undefined) {
    const code = String(fields.currency_code).toUpperCase()
    if (!/^[A-Z]{3}$/.test(code)) {
      throw errors.invalidResource([{ field: "currency_code", message: "Please provide a valid ISO 4217 currency code (three letters)." }])
    }
    fields.currency_code = code
  }
  return fields
}

export function requireStore(state: SandboxState, id: string): StoreRecord {
  const store = state.stores.get(id)
  if (!store) throw errors.notFound()
  return store
}

/** POST /ecommerce/stores: the audience must exist; the id is the client's. */
export function createStore(state: SandboxState, body: Record<string, unknown>): StoreRecord {
  requireFields(body, ["id", "list_id", "name", "currency_code"])
  const id = requireText(body.id, "id")
  const listId = requireText(body.list_id, "list_id")
  const fields = readStoreFields(body)
  if (!state.findList(listId)) {
    throw errors.invalidResource([{ field: "list_id", message: `The list_id ${listId} does not match an audience of this account.` }])
  }
  refuseTakenDomain(state, id, fields.domain)
  if (state.stores.has(id)) {
    throw new ApiError(400, "Invalid Resource", "A store with the provided ID already exists.", [
      { field: "id", message: "A store with the provided ID already exists." },
    ])
  }
  const now = apiTime()
  const store: StoreRecord = {
    id,
    list_id: listId,
    fields,
    created_at: now,
    updated_at: now,
    customers: new CompactMap(),
    products: new Map(),
    orders: new CompactMap(),
    carts: new Map(),
    customer_orders: new Map(),
    deleted_products: new Map(),
    promo_rules: new Map(),
  }
  store.connected_site_id = connectStoreSite(state, id, fields.domain, fields.platform)
  state.stores.set(id, store)
  return store
}

/**
 * "The store domain must be unique within a user account" (the API description of `domain`); Mailchimp's answer to a
 * second store with a domain another store holds, as reports quote it (mc-magento #794, #706): "We were unable to
 * process the request. A store with the domain … already exists in the account." (title
 * "Bad Request": their client logs "<title> for Api Call: <path> - <detail>", as it logs "Resource Not Found" for a 404)
 */
function refuseTakenDomain(state: SandboxState, id: string, domain: unknown): void {
  if (typeof domain !== "string" || !domain) return
  for (const other of state.stores.values()) {
    if (other.id !== id && String(other.fields.domain ?? "").toLowerCase() === domain.toLowerCase()) {
      throw new ApiError(400, "Bad Request", `We were unable to process the request. A store with the domain ${domain} already exists in the account.`)
    }
  }
}

/** PATCH /ecommerce/stores/{store_id}: a store's audience cannot change; its domain stays unique in the account. */
export function updateStore(state: SandboxState, store: StoreRecord, body: Record<string, unknown>): StoreRecord {
  if (body.list_id !== undefined && body.list_id !== store.list_id) {
    throw errors.invalidResource([{ field: "list_id", message: "The list_id for a specific store cannot change." }])
  }
  const fields = readStoreFields(body)
  refuseTakenDomain(state, store.id, fields.domain)
  mergeInto(store.fields, fields)
  store.updated_at = apiTime()
  return store
}

export function currencyOf(store: StoreRecord): string {
  return String(store.fields.currency_code ?? "")
}

export function storeView(state: SandboxState, store: StoreRecord): Record<string, unknown> {
  return {
    id: store.id,
    list_id: store.list_id,
    ...withFieldDefaults(STORE_DEFAULTS, store.fields),
    automations: {
      abandoned_cart: { is_supported: false },
      abandoned_browse: { is_supported: false },
    },
    ...storeConnectedSite(state, store),
    list_is_active: !!state.findList(store.list_id),
    created_at: store.created_at,
    updated_at: store.updated_at,
    _links: [],
  }
}
