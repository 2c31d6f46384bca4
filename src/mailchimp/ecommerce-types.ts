/** E-commerce resource shapes (spec 3.0.76). Money amounts are numbers in the store's currency. */

export type EcommerceAddress = {
  address1?: string
  address2?: string
  city?: string
  province?: string
  province_code?: string
  postal_code?: string
  country?: string
  country_code?: string
}

export type StoreAddress = EcommerceAddress & { longitude?: number; latitude?: number }

export type OrderAddress = StoreAddress & { name?: string; phone?: string; company?: string }

type AutomationState = { is_supported?: boolean; id?: string; status?: "save" | "sending" | "paused" }

export type Store = {
  id: string
  list_id: string
  name: string
  platform?: string
  domain?: string
  is_syncing?: boolean
  email_address?: string
  currency_code: string
  money_format?: string
  primary_locale?: string
  timezone?: string
  phone?: string
  address?: StoreAddress
  connected_site?: { site_foreign_id?: string; site_script?: { url?: string; fragment?: string } }
  automations?: { abandoned_cart?: AutomationState; abandoned_browse?: AutomationState }
  list_is_active?: boolean
  created_at?: string
  updated_at?: string
}

export type StoreCreateBody = {
  id: string
  list_id: string
  name: string
  currency_code: string
  platform?: string
  domain?: string
  /** While true, Mailchimp sends no automations for this store's activity (use during back-fills). */
  is_syncing?: boolean
  email_address?: string
  money_format?: string
  primary_locale?: string
  timezone?: string
  phone?: string
  address?: StoreAddress
}

export type StoreUpdateBody = Partial<Omit<StoreCreateBody, "id" | "list_id">>

export type Customer = {
  id: string
  email_address: string
  opt_in_status: boolean
  company?: string
  first_name?: string
  last_name?: string
  orders_count?: number
  total_spent?: number
  address?: EcommerceAddress
  created_at?: string
  updated_at?: string
}

export type CustomerBody = {
  id: string
  email_address: string
  /** true subscribes the address to the store's audience; false leaves its audience status alone. */
  opt_in_status: boolean
  company?: string
  first_name?: string
  last_name?: string
  address?: EcommerceAddress
}

export type CustomerUpdateBody = Partial<Omit<CustomerBody, "id" | "email_address">>

export type ProductVariant = {
  id: string
  title: string
  url?: string
  sku?: string
  price?: number
  inventory_quantity?: number
  image_url?: string
  backorders?: string
  visibility?: string
  created_at?: string
  updated_at?: string
}

export type ProductVariantBody = Omit<ProductVariant, "created_at" | "updated_at">

export type ProductVariantUpdateBody = Partial<Omit<ProductVariantBody, "id">>

export type ProductImage = { id: string; url: string; variant_ids?: string[] }

export type Product = {
  id: string
  currency_code?: string
  title: string
  handle?: string
  url?: string
  description?: string
  type?: string
  vendor?: string
  image_url?: string
  variants: ProductVariant[]
  images?: ProductImage[]
  published_at_foreign?: string
}

export type ProductCreateBody = {
  id: string
  title: string
  /** At least one; a product without real variants gets one variant with the product's id. */
  variants: ProductVariantBody[]
  handle?: string
  url?: string
  description?: string
  type?: string
  vendor?: string
  image_url?: string
  images?: ProductImage[]
  published_at_foreign?: string
}

export type ProductUpdateBody = Partial<Omit<ProductCreateBody, "id" | "variants" | "images">> & {
  variants?: ProductVariantUpdateBody[]
  images?: Partial<ProductImage>[]
}

export type OrderLine = {
  id: string
  product_id: string
  product_title?: string
  product_variant_id: string
  product_variant_title?: string
  image_url?: string
  quantity: number
  price: number
  discount?: number
}

export type OrderLineBody = {
  id: string
  product_id: string
  product_variant_id: string
  quantity: number
  price: number
  discount?: number
}

export type OrderPromo = { code: string; amount_discounted: number; type: "fixed" | "percentage" }

type OrderCommonFields = {
  campaign_id?: string
  landing_site?: string
  financial_status?: string
  fulfillment_status?: string
  order_url?: string
  discount_total?: number
  tax_total?: number
  shipping_total?: number
  tracking_code?: "prec"
  processed_at_foreign?: string
  cancelled_at_foreign?: string
  updated_at_foreign?: string
  shipping_address?: OrderAddress
  billing_address?: OrderAddress
  promos?: OrderPromo[]
  tracking_number?: string
  tracking_carrier?: string
  tracking_url?: string
}

export type Order = OrderCommonFields & {
  id: string
  customer: Customer
  store_id: string
  currency_code: string
  order_total: number
  lines: OrderLine[]
  outreach?: { id?: string; name?: string; type?: string; published_time?: string }
}

export type OrderCreateBody = OrderCommonFields & {
  id: string
  customer: Partial<Omit<CustomerBody, "id">> & { id: string }
  currency_code: string
  order_total: number
  lines: OrderLineBody[]
  outreach?: { id: string }
}

export type OrderUpdateBody = OrderCommonFields & {
  customer?: Partial<Omit<CustomerBody, "id" | "email_address">>
  currency_code?: string
  order_total?: number
  lines?: Partial<Omit<OrderLineBody, "id">>[]
  outreach?: { id: string }
}

export type StoresPage = { stores: Store[]; total_items: number }
export type CustomersPage = { store_id: string; customers: Customer[]; total_items: number }
export type ProductsPage = { store_id: string; products: Product[]; total_items: number }
export type ProductVariantsPage = { store_id: string; product_id: string; variants: ProductVariant[]; total_items: number }
export type OrdersPage = { store_id: string; orders: Order[]; total_items: number }
