/** The parts of Medusa's records this module reads (what `query.graph` returns for the fields in ./fields). */

export type MedusaAddress = {
  first_name?: string | null
  last_name?: string | null
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
  phone?: string | null
}

export type MedusaLineAdjustment = { code?: string | null; amount?: number | null }

export type MedusaOrderItem = {
  id: string
  product_id?: string | null
  variant_id?: string | null
  product_title?: string | null
  product_handle?: string | null
  variant_title?: string | null
  variant_sku?: string | null
  title?: string | null
  thumbnail?: string | null
  quantity: number
  unit_price: number
  discount_total?: number | null
  adjustments?: MedusaLineAdjustment[] | null
}

export type MedusaFulfillment = {
  id: string
  shipped_at?: string | Date | null
  delivered_at?: string | Date | null
  canceled_at?: string | Date | null
  labels?: { tracking_number?: string | null; tracking_url?: string | null }[] | null
}

export type MedusaOrderSummary = {
  original_order_total?: number | null
  current_order_total?: number | null
  paid_total?: number | null
  refunded_total?: number | null
}

export type MedusaCustomer = {
  id: string
  email?: string | null
  first_name?: string | null
  last_name?: string | null
  company_name?: string | null
  phone?: string | null
  created_at?: string | Date | null
  addresses?: (MedusaAddress & { is_default_billing?: boolean; is_default_shipping?: boolean })[] | null
}

export type MedusaOrder = {
  id: string
  display_id?: number | null
  email?: string | null
  customer_id?: string | null
  sales_channel_id?: string | null
  currency_code: string
  status: string
  is_draft_order?: boolean | null
  created_at: string | Date
  updated_at?: string | Date | null
  canceled_at?: string | Date | null
  metadata?: Record<string, unknown> | null
  /** The BCP 47 tag the storefront set on the cart (Medusa 2.21 copies it to the order). */
  locale?: string | null
  total: number
  tax_total?: number | null
  discount_total?: number | null
  shipping_total?: number | null
  summary?: MedusaOrderSummary | null
  items?: MedusaOrderItem[] | null
  shipping_address?: MedusaAddress | null
  billing_address?: MedusaAddress | null
  customer?: MedusaCustomer | null
  fulfillments?: MedusaFulfillment[] | null
}

export type MedusaProductVariant = {
  id: string
  title?: string | null
  sku?: string | null
  manage_inventory?: boolean | null
  allow_backorder?: boolean | null
  prices?: { amount: number; currency_code: string }[] | null
  inventory_quantity?: number | null
}

export type MedusaProduct = {
  id: string
  sales_channels?: { id: string }[] | null
  title: string
  handle?: string | null
  description?: string | null
  status?: string | null
  thumbnail?: string | null
  created_at?: string | Date | null
  updated_at?: string | Date | null
  collection_id?: string | null
  collection?: { title?: string | null } | null
  type?: { value?: string | null } | null
  images?: { id: string; url: string }[] | null
  variants?: MedusaProductVariant[] | null
  categories?: { id: string }[] | null
}

/** What a purchase row needs to know of a product beyond the order line: where it is filed. */
export type ProductFiling = { category_ids: string[]; collection_id: string | null }
