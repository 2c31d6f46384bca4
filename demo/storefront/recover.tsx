/**
 * The demo storefront's recovery page (/cart/recover?token=…), where a Mailchimp cart reminder's link lands: the
 * plugin's CartRecovery opens the cart the token names, and the page shows it, ready for checkout.
 */
import { useMemo, useState } from "react"
import { createNewsletterClient, recoveryTokenFrom, sendCampaignSource } from "medusa-mailchimp/storefront"
import { CartRecovery } from "medusa-mailchimp/storefront/react"

type DemoConfig = { storeUrl: string; publishableKey: string }
type Cart = { id: string; email: string | null; total: number; currency_code: string; items: { id: string; title: string; quantity: number }[] }

export function RecoverPage({ config }: { config: DemoConfig }) {
  const client = useMemo(() => createNewsletterClient({ baseUrl: config.storeUrl, publishableKey: config.publishableKey }), [config])
  const [cart, setCart] = useState<Cart>()
  const opened = async (cartId: string) => {
    // A reminder's link may name its campaign: the reopened cart is credited to it.
    sendCampaignSource(client, cartId).catch((e) => console.warn("mailchimp-source:", e.message))
    const res = await fetch(`${config.storeUrl}/store/carts/${encodeURIComponent(cartId)}`, {
      headers: { "x-publishable-api-key": config.publishableKey },
    })
    if (res.ok) setCart((await res.json()).cart)
  }
  const price = (n: number, currency: string) => new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(n)
  return (
    <>
      <h1>Your cart</h1>
      <CartRecovery client={client} token={recoveryTokenFrom(window.location.href)} onRecovered={opened} className="recovery-status" />
      {cart && (
        <section className="summary" aria-label="Recovered cart" data-testid="recovered-cart">
          <ul>
            {cart.items.map((item) => (
              <li key={item.id}>
                {item.title} × {item.quantity}
              </li>
            ))}
          </ul>
          <p>
            Total <strong>{price(cart.total, cart.currency_code)}</strong>
          </p>
          <a className="button" href={`/?cart=${encodeURIComponent(cart.id)}`}>
            Continue to checkout
          </a>
        </section>
      )}
    </>
  )
}
