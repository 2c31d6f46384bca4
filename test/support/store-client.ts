/** A small store-API client over fetch: the same calls a storefront makes. */
export class StoreClient {
  constructor(readonly baseUrl: string, readonly publishableKey: string) {}

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        "content-type": "application/json",
        "x-publishable-api-key": this.publishableKey,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }

  async ok<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const res = await this.call<T>(method, path, body, headers)
    if (res.status >= 300) {
      throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`)
    }
    return res.body
  }
}

export type CheckoutInput = {
  regionId: string
  variantId: string
  email: string
  firstName?: string
  lastName?: string
  phone?: string
  // "route": the plugin's POST /store/carts/:id/newsletter; "metadata": in the cart update the storefront already makes
  optIn?: false | "route" | "metadata"
  headers?: Record<string, string>
  // Extra cart metadata the storefront sends with the address (e.g. { mc_cid } from a campaign link).
  metadata?: Record<string, unknown>
  // Metadata sent with the cart's creation (POST /store/carts).
  createMetadata?: Record<string, unknown>
  // Runs with the cart's id just before the cart is completed.
  beforeComplete?: (cartId: string) => Promise<void>
  quantity?: number
  // Promotion codes applied to the cart before the shipping method and payment (as a storefront's code field does).
  promoCodes?: string[]
  // The cart's locale (a BCP 47 tag), sent with the address.
  locale?: string
}

export const US_ADDRESS = {
  address_1: "1 Main Street",
  city: "Austin",
  province: "TX",
  postal_code: "78701",
  country_code: "us",
}

/** The store-API checkout, step by step, as Medusa's Next.js starter does it. Returns the order. */
export async function checkout(client: StoreClient, input: CheckoutInput): Promise<any> {
  const h = input.headers
  const { cart } = await client.ok(
    "POST",
    "/store/carts",
    { region_id: input.regionId, ...(input.createMetadata ? { metadata: input.createMetadata } : {}) },
    h
  )
  await client.ok("POST", `/store/carts/${cart.id}/line-items`, { variant_id: input.variantId, quantity: input.quantity ?? 1 }, h)
  const address = {
    first_name: input.firstName ?? "Ada",
    last_name: input.lastName ?? "Lovelace",
    phone: input.phone ?? "+15125550100",
    ...US_ADDRESS,
  }
  await client.ok(
    "POST",
    `/store/carts/${cart.id}`,
    {
      email: input.email,
      shipping_address: address,
      billing_address: address,
      ...(input.locale ? { locale: input.locale } : {}),
      ...(input.optIn === "metadata" || input.metadata
        ? { metadata: { ...input.metadata, ...(input.optIn === "metadata" ? { mailchimp_newsletter: { opt_in: true } } : {}) } }
        : {}),
    },
    h
  )
  if (input.optIn === "route") {
    await client.ok("POST", `/store/carts/${cart.id}/newsletter`, { opt_in: true }, h)
  }
  if (input.promoCodes?.length) {
    await client.ok("POST", `/store/carts/${cart.id}/promotions`, { promo_codes: input.promoCodes }, h)
  }
  const { shipping_options } = await client.ok("GET", `/store/shipping-options?cart_id=${cart.id}`, undefined, h)
  await client.ok("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id }, h)
  const { payment_collection } = await client.ok("POST", "/store/payment-collections", { cart_id: cart.id }, h)
  await client.ok(
    "POST",
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    h
  )
  await input.beforeComplete?.(cart.id)
  const completed = await client.ok("POST", `/store/carts/${cart.id}/complete`, {}, h)
  if (completed.type !== "order") {
    throw new Error(`Checkout did not place an order: ${JSON.stringify(completed.error ?? completed)}`)
  }
  return completed.order
}
