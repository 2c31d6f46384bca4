/**
 * The demo storefront's recovery page (/cart/recover?token=…) in Debian's Chromium: the link a Mailchimp cart
 * reminder carries (the cart's `checkout_url` in the stand-in) opens the shopper's cart; a forged link and the link
 * of a cart already checked out say why they cannot.
 */
import type { Page } from "playwright-core"
import { MailchimpClient } from "../../src/mailchimp"
import { StoreClient, US_ADDRESS } from "../support/store-client"
import { waitFor } from "../support/redis-server"
import { openBrowser, screenshot, type Browser } from "./support/browser"
import { startBrowserStore, type BrowserStore } from "./support/browser-store"
import { shows, visible } from "./support/screen"

jest.setTimeout(600_000)

// The storefront's port is chosen when it starts: the link is made on a placeholder origin and opened on the demo's.
const LINK_ORIGIN = "http://storefront.invalid"

let store: BrowserStore
let browser: Browser
let page: Page
let mc: MailchimpClient
let shop: StoreClient

beforeAll(async () => {
  store = await startBrowserStore("carts", {
    MAILCHIMP_CART_SYNC_WINDOW_MS: "0",
    MAILCHIMP_CART_RECOVERY_URL: `${LINK_ORIGIN}/cart/recover?token={token}`,
  })
  browser = await openBrowser()
  page = browser.page
  mc = new MailchimpClient({ apiKey: store.sandbox.apiKey, apiUrl: store.sandbox.apiBase })
  shop = new StoreClient(store.storeUrl, store.seed.publishableKey)
}, 900_000)

afterAll(async () => {
  await mc?.close()
  await browser?.close()
  await store?.stop()
})

afterEach(() => browser.flushConsoleErrors())

const storeId = () => `medusa-${store.sandbox.audienceId}`

/** The recovery link Mailchimp holds for this cart, on the demo storefront's origin. */
async function linkOf(cartId: string): Promise<string> {
  let url = ""
  await waitFor(async () => {
    const cart = await mc.ecommerce.carts.get(storeId(), cartId).catch(() => null)
    url = cart?.checkout_url ?? ""
    return !!url
  }, 60_000, 250)
  expect(url.startsWith(`${LINK_ORIGIN}/cart/recover?token=`)).toBe(true)
  return url.replace(LINK_ORIGIN, store.storefrontUrl)
}

it("a cart reminder's link opens the cart on the storefront's recovery page", async () => {
  const { cart } = await shop.ok("POST", "/store/carts", { region_id: store.seed.regionId })
  await shop.ok("POST", `/store/carts/${cart.id}/line-items`, { variant_id: store.seed.variantIds[0], quantity: 2 })
  await shop.ok("POST", `/store/carts/${cart.id}`, { email: `recover-${Date.now()}@example.com` })
  const link = await linkOf(cart.id)

  await page.goto(link, { waitUntil: "domcontentloaded" })
  await shows(page.locator(".recovery-status"), "Your cart is back.")
  const summary = page.getByTestId("recovered-cart")
  await visible(summary)
  await shows(summary, "× 2")
  expect(await page.getByRole("link", { name: "Continue to checkout" }).getAttribute("href")).toBe(`/?cart=${cart.id}`)
  await screenshot(page, "cart-recovery-opened")

  const forged = link.replace(/.(?=$)/, (c) => (c === "A" ? "B" : "A"))
  await page.goto(forged, { waitUntil: "domcontentloaded" })
  await shows(page.locator(".recovery-status[data-state=refused]"), "This link is not valid.")
  expect(await page.getByTestId("recovered-cart").count()).toBe(0)
  await screenshot(page, "cart-recovery-forged")
})

it("the link of a cart checked out after the reminder went says so and opens nothing", async () => {
  const { cart } = await shop.ok("POST", "/store/carts", { region_id: store.seed.regionId })
  await shop.ok("POST", `/store/carts/${cart.id}/line-items`, { variant_id: store.seed.variantIds[0], quantity: 1 })
  await shop.ok("POST", `/store/carts/${cart.id}`, { email: `late-${Date.now()}@example.com` })
  const link = await linkOf(cart.id)
  await checkoutExisting(cart.id)
  // The order took the cart out of Mailchimp; a reminder already sent still carries the link.
  await waitFor(async () => !(await mc.ecommerce.carts.get(storeId(), cart.id).catch(() => null)), 60_000, 250)
  await page.goto(link, { waitUntil: "domcontentloaded" })
  await shows(page.locator(".recovery-status[data-state=refused]"), "You already placed this order.")
  expect(await page.getByTestId("recovered-cart").count()).toBe(0)
  await screenshot(page, "cart-recovery-completed")
})

/** The rest of the store-API checkout for a cart that has its line and email. */
async function checkoutExisting(cartId: string): Promise<void> {
  const address = { first_name: "Ada", last_name: "Lovelace", ...US_ADDRESS }
  await shop.ok("POST", `/store/carts/${cartId}`, { shipping_address: address, billing_address: address })
  const { shipping_options } = await shop.ok("GET", `/store/shipping-options?cart_id=${cartId}`)
  await shop.ok("POST", `/store/carts/${cartId}/shipping-methods`, { option_id: shipping_options[0].id })
  const { payment_collection } = await shop.ok("POST", "/store/payment-collections", { cart_id: cartId })
  await shop.ok("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  const done = await shop.ok("POST", `/store/carts/${cartId}/complete`, {})
  expect(done.type).toBe("order")
}
