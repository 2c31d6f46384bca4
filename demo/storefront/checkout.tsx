/**
 * A minimal storefront checkout against the demo store, using the plugin's storefront export the
 * way Medusa's Next.js starter would: the opt-in box sits in the address step's form, and the
 * choice travels in the cart update that step already makes (`metadata`), with the interests and marketing
 * permissions ticked beneath the box. Where the shopper came from (a campaign link's `mc_cid`, the landing page) is
 * captured on arrival and recorded on the cart once it exists.
 */
import { StrictMode, useEffect, useMemo, useState } from "react"
import { createRoot } from "react-dom/client"
import { captureCampaignSource, createNewsletterClient, newsletterCartMetadata, sendCampaignSource } from "medusa-mailchimp/storefront"
import { NewsletterCheckbox } from "medusa-mailchimp/storefront/react"
import { CookieConsent } from "./cookie-consent"
import { RecoverPage } from "./recover"

type DemoConfig = { storeUrl: string; publishableKey: string; regionId: string; variantId: string }
const config = (window as unknown as { DEMO_STOREFRONT: DemoConfig }).DEMO_STOREFRONT

// Every page, before anything else: the session's first page is its landing site, a campaign link names the campaign.
captureCampaignSource(window.location.href)

async function store<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(config.storeUrl + path, {
    method,
    headers: { "content-type": "application/json", "x-publishable-api-key": config.publishableKey },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json().catch(() => ({}))
  if (!res.ok) throw new Error(json.message ?? `${method} ${path} answered ${res.status}`)
  return json as T
}

type Cart = { id: string; total: number; currency_code: string; items: { title: string; quantity: number }[] }

function Checkout() {
  const newsletter = useMemo(
    () => createNewsletterClient({ baseUrl: config.storeUrl, publishableKey: config.publishableKey }),
    []
  )
  const [cart, setCart] = useState<Cart>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [order, setOrder] = useState<{ id: string; display_id: number; email: string }>()
  const [extras, setExtras] = useState<{ interests: string[]; marketing_permissions: string[] }>()

  useEffect(() => {
    ;(async () => {
      const { cart } = await store("POST", "/store/carts", { region_id: config.regionId })
      const updated = await store("POST", `/store/carts/${cart.id}/line-items`, { variant_id: config.variantId, quantity: 1 })
      setCart(updated.cart)
      // The cart exists: the campaign and landing page go on it (a failure here must not stop the checkout).
      await sendCampaignSource(newsletter, cart.id).catch((e) => console.warn("mailchimp-source:", e.message))
    })().catch((e) => setError(e.message))
  }, [newsletter])

  const placeOrder = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    if (!cart) return
    const form = new FormData(e.currentTarget)
    const text = (name: string) => String(form.get(name) ?? "").trim()
    const address = {
      first_name: text("first_name"),
      last_name: text("last_name"),
      phone: text("phone"),
      address_1: text("address_1"),
      city: text("city"),
      province: text("province"),
      postal_code: text("postal_code"),
      country_code: "us",
    }
    setBusy(true)
    setError(undefined)
    try {
      // The address step's own cart update carries the choice: ticked → opt_in true.
      await store("POST", `/store/carts/${cart.id}`, {
        email: text("email"),
        shipping_address: address,
        billing_address: address,
        metadata: newsletterCartMetadata(form.get("newsletter") === "on", extras),
      })
      const { shipping_options } = await store("GET", `/store/shipping-options?cart_id=${cart.id}`)
      await store("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id })
      const { payment_collection } = await store("POST", "/store/payment-collections", { cart_id: cart.id })
      await store("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
        provider_id: "pp_system_default",
      })
      const completed = await store("POST", `/store/carts/${cart.id}/complete`, {})
      if (completed.type !== "order") throw new Error(completed.error?.message ?? "The order could not be placed")
      setOrder(completed.order)
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  if (order) {
    return (
      <div className="done" role="status">
        <h1>Thank you!</h1>
        <p>
          Order <strong data-testid="order-number">#{order.display_id}</strong> is placed. A confirmation goes to{" "}
          <span data-testid="order-email">{order.email}</span>.
        </p>
      </div>
    )
  }

  return (
    <>
      <h1>Checkout</h1>
      <p className="lead">medusa-mailchimp demo store</p>
      {cart && (
        <div className="line">
          <span>
            {cart.items[0]?.title} × {cart.items[0]?.quantity}
          </span>
          <strong>
            {cart.total} {cart.currency_code.toUpperCase()}
          </strong>
        </div>
      )}
      <form onSubmit={placeOrder} aria-label="Checkout">
        <label className="field">
          Email
          <input type="email" name="email" required autoComplete="email" />
        </label>
        <div className="row">
          <label className="field">
            First name
            <input type="text" name="first_name" required defaultValue="Ada" />
          </label>
          <label className="field">
            Last name
            <input type="text" name="last_name" required defaultValue="Lovelace" />
          </label>
        </div>
        <label className="field">
          Address
          <input type="text" name="address_1" required defaultValue="1 Main Street" />
        </label>
        <div className="row">
          <label className="field">
            City
            <input type="text" name="city" required defaultValue="Austin" />
          </label>
          <label className="field">
            State
            <input type="text" name="province" required defaultValue="TX" />
          </label>
        </div>
        <div className="row">
          <label className="field">
            ZIP code
            <input type="text" name="postal_code" required defaultValue="78701" />
          </label>
          <label className="field">
            Phone
            <input type="tel" name="phone" defaultValue="+15125550100" />
          </label>
        </div>
        <NewsletterCheckbox client={newsletter} name="newsletter" id="newsletter" onExtrasChange={setExtras} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={!cart || busy}>
          {busy ? "Placing the order…" : "Place order"}
        </button>
      </form>
    </>
  )
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <CookieConsent config={config} />
    {window.location.pathname.startsWith("/cart/recover") ? <RecoverPage config={config} /> : <Checkout />}
  </StrictMode>
)
