import type { Customer, CustomerBody } from "./ecommerce-types"
import type { FieldsQuery, PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"

export type CartLineBody = { id: string; product_id: string; product_variant_id: string; quantity: number; price: number }
export type CartLine = CartLineBody & { product_title?: string; product_variant_title?: string }

type CartCommonFields = { campaign_id?: string; checkout_url?: string; currency_code?: string; order_total?: number; tax_total?: number }

export type Cart = CartCommonFields & { id: string; customer: Customer; lines: CartLine[]; created_at?: string; updated_at?: string }

export type CartCreateBody = CartCommonFields & {
  id: string
  customer: Partial<Omit<CustomerBody, "id">> & { id: string }
  currency_code: string
  order_total: number
  lines: CartLineBody[]
}

/** PATCH …/carts/{id}: the cart's own fields; lines change through their own endpoints (they have ids there). */
export type CartUpdateBody = CartCommonFields & { customer?: Partial<Omit<CustomerBody, "id" | "email_address">> }

export type CartsPage = { store_id: string; carts: Cart[]; total_items: number }

/** A store's carts (what abandoned-cart automations read) and their lines. */
export class CartsApi {
  constructor(private readonly http: Requester) {}

  list(storeId: string, query?: PageQuery): Promise<CartsPage> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/carts`, { query })
  }

  get(storeId: string, cartId: string, query?: FieldsQuery): Promise<Cart> {
    return this.http.request("GET", apiPath`/ecommerce/stores/${storeId}/carts/${cartId}`, { query })
  }

  create(storeId: string, body: CartCreateBody): Promise<Cart> {
    return this.http.request("POST", apiPath`/ecommerce/stores/${storeId}/carts`, { body })
  }

  update(storeId: string, cartId: string, body: CartUpdateBody): Promise<Cart> {
    return this.http.request("PATCH", apiPath`/ecommerce/stores/${storeId}/carts/${cartId}`, { body })
  }

  delete(storeId: string, cartId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/ecommerce/stores/${storeId}/carts/${cartId}`)
  }

  addLine(storeId: string, cartId: string, body: CartLineBody): Promise<CartLine> {
    return this.http.request("POST", apiPath`/ecommerce/stores/${storeId}/carts/${cartId}/lines`, { body })
  }

  updateLine(storeId: string, cartId: string, lineId: string, body: Omit<CartLineBody, "id">): Promise<CartLine> {
    return this.http.request("PATCH", apiPath`/ecommerce/stores/${storeId}/carts/${cartId}/lines/${lineId}`, { body })
  }

  deleteLine(storeId: string, cartId: string, lineId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/ecommerce/stores/${storeId}/carts/${cartId}/lines/${lineId}`)
  }
}
