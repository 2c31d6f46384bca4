import type { CartCreateBody, CartLineBody, CartUpdateBody } from "../../../mailchimp"
import type { OrderCustomerRef } from "./order"
import type { MedusaOrderItem } from "./medusa-types"
import { money } from "./money"
import { lineRefs } from "./product"

/** A Medusa cart as the live path reads it (store-data/cart-reader.ts). */
export type MedusaCart = {
  id: string
  email?: string | null
  customer_id?: string | null
  sales_channel_id?: string | null
  currency_code: string
  created_at?: string | Date | null
  updated_at?: string | Date | null
  completed_at?: string | Date | null
  metadata?: Record<string, unknown> | null
  total?: unknown
  tax_total?: unknown
  items?: MedusaOrderItem[] | null
}

/** The lines as Mailchimp takes them; their ids are Medusa's line ids. */
export function cartLines(cart: MedusaCart): CartLineBody[] {
  return (cart.items ?? []).map((item) => ({
    id: item.id,
    ...lineRefs(item),
    quantity: Math.max(1, Math.round(item.quantity)),
    price: money(item.unit_price),
  }))
}

/** The cart's own fields (no customer, no lines): what a PATCH of the cart sends. */
export function toMailchimpCartUpdate(cart: MedusaCart, checkoutUrl: string | undefined, campaignId: string | null): CartUpdateBody {
  const body: CartUpdateBody = {
    currency_code: cart.currency_code.toUpperCase(),
    order_total: money(cart.total),
    tax_total: money(cart.tax_total),
  }
  if (checkoutUrl) body.checkout_url = checkoutUrl
  if (campaignId) body.campaign_id = campaignId
  return body
}

/** The body of `POST /ecommerce/stores/{id}/carts`. */
export function toMailchimpCart(
  cart: MedusaCart,
  customer: OrderCustomerRef,
  checkoutUrl: string | undefined,
  campaignId: string | null
): CartCreateBody {
  return { id: cart.id, customer, ...toMailchimpCartUpdate(cart, checkoutUrl, campaignId), lines: cartLines(cart) } as CartCreateBody
}
