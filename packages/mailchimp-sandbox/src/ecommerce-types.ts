import type { CompactMap } from "./compact-map"

/** E-commerce records. Plain fields are kept in `fields` as the client sent them (see field-spec.ts). */

export interface StoreRecord {
  id: string
  /** The audience; it cannot change once the store exists. */
  list_id: string
  fields: Record<string, unknown>
  created_at: string
  updated_at: string
  customers: CompactMap<CustomerRecord>
  products: Map<string, ProductRecord>
  orders: CompactMap<OrderRecord>
  /** Carts go with their store, as its customers, products and orders do. */
  carts: Map<string, CartRecord>
  /**
   * Each customer's order ids, so that a customer's view does not walk every order (an order's customer never
   * changes): one id as itself, more as an array (a Set per customer cost ~200 bytes each at a million customers).
   */
  customer_orders: Map<string, string | string[]>
  /** Products deleted from the store: order lines naming them stay valid, as in Mailchimp. */
  deleted_products: Map<string, ProductRecord>
  /** Promo rules, each with its promo codes (see ecommerce-promo-rules.ts). */
  promo_rules: Map<string, PromoRuleRecord>
  /** The connected site Mailchimp made with the store (none for a store without a domain, or a domain taken). */
  connected_site_id?: string
}

export interface CustomerRecord {
  id: string
  email_address: string
  opt_in_status: boolean
  fields: Record<string, unknown>
  created_at: string
  updated_at: string
}

export interface VariantRecord {
  id: string
  fields: Record<string, unknown>
  created_at: string
  updated_at: string
}

export interface ImageRecord {
  id: string
  url: string
  variant_ids: string[]
}

export interface ProductRecord {
  id: string
  fields: Record<string, unknown>
  variants: Map<string, VariantRecord>
  images: ImageRecord[]
  created_at: string
  updated_at: string
}

export interface OrderLineRecord {
  id: string
  product_id: string
  product_variant_id: string
  quantity: number
  price: number
  discount: number
}

export interface OrderRecord {
  id: string
  customer_id: string
  fields: Record<string, unknown>
  lines: OrderLineRecord[]
  created_at: string
  updated_at: string
}

export interface CartLineRecord {
  id: string
  product_id: string
  product_variant_id: string
  quantity: number
  price: number
}

export interface CartRecord {
  id: string
  customer_id: string
  fields: Record<string, unknown>
  lines: CartLineRecord[]
  created_at: string
  updated_at: string
}

export interface PromoCodeRecord {
  id: string
  fields: Record<string, unknown>
  created_at: string
  updated_at: string
}

export interface PromoRuleRecord {
  id: string
  fields: Record<string, unknown>
  codes: Map<string, PromoCodeRecord>
  created_at: string
  updated_at: string
}
