/**
 * Settings → Mailchimp's Sales channels section in Debian's Chromium, against the demo's seeded store: the channels
 * are listed, one is mapped to a Mailchimp store of its own (the admin asks first: the others are no longer sent, the
 * new store needs a backfill), moved to another audience (asked again; with the same store id the server refuses
 * and says to give it a new one; with a new id it is saved), and the mapping is what the page shows after a reload.
 */
import type { Page } from "playwright-core"
import { adminRequest } from "./support/admin-api"
import { adminLogin, openBrowser, screenshot, type Browser } from "./support/browser"
import { startBrowserStore, type BrowserStore } from "./support/browser-store"
import { shows, visible } from "./support/screen"

jest.setTimeout(600_000)

const B2B_AUDIENCE = "b2bbrowse1"

let store: BrowserStore
let browser: Browser
let page: Page
let wholesaleId: string

beforeAll(async () => {
  store = await startBrowserStore("channels")
  store.sandbox.state.createList({ id: B2B_AUDIENCE, name: "Wholesale audience" })
  const created = await adminRequest(store, "POST", "/admin/sales-channels", { name: "Wholesale" })
  wholesaleId = created.sales_channel.id
  browser = await openBrowser()
  page = browser.page
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await store?.stop()
})

afterEach(() => browser?.flushConsoleErrors())

/** The confirm dialog: its text, then confirmed. */
async function confirm(expected: RegExp): Promise<void> {
  const dialog = page.getByRole("alertdialog")
  await visible(dialog)
  await shows(dialog, "A new Mailchimp store")
  await shows(dialog, expected)
  await dialog.getByRole("button", { name: "Save" }).click()
  await dialog.waitFor({ state: "hidden" })
}

async function fill(values: Record<string, string>): Promise<void> {
  for (const [field, value] of Object.entries(values)) await page.locator(`#sales-channel-${field}`).fill(value)
}

it("lists the channels, maps one, confirms an audience move (a new store id), and shows the mapping after a reload", async () => {
  const seeded = store.seed.salesChannelId
  await adminLogin(page, store.adminUrl, store.adminEmail, store.adminPassword)
  await page.goto(`${store.adminUrl}/settings/mailchimp`, { waitUntil: "domcontentloaded" })
  const section = page.getByTestId("mailchimp-sales-channels-mapping")
  await visible(section, 120_000)
  await shows(section, "Every channel goes to one Mailchimp store")
  const seededRow = page.getByTestId(`mailchimp-sales-channel-${seeded}`)
  const wholesaleRow = page.getByTestId(`mailchimp-sales-channel-${wholesaleId}`)
  await shows(wholesaleRow, "Wholesale")
  await shows(seededRow, "the one store")

  // Map the seeded channel: the admin asks first (a new store; the other channel will no longer be sent).
  await seededRow.getByRole("button", { name: "Edit" }).click()
  const form = page.getByTestId("mailchimp-sales-channel-form")
  await visible(form)
  await fill({ store_id: "shop-eu", name: "EU shop", currency: "EUR", storefront_url: "https://eu.shop.test" })
  await form.getByRole("button", { name: "Save" }).click()
  await confirm(/needs a backfill.*no longer be sent/)
  await shows(seededRow, "EU shop (shop-eu)")
  await shows(wholesaleRow, "not sent")
  await shows(section, "Saved here")

  // Another audience with the same store id: asked, then refused by the server (a store's audience never changes).
  await seededRow.getByRole("button", { name: "Edit" }).click()
  await visible(form)
  await page.locator("#sales-channel-audience_id").click()
  await page.getByRole("option", { name: /Wholesale audience/ }).click()
  await form.getByRole("button", { name: "Save" }).click()
  await confirm(/moves from audience \w+ to b2bbrowse1/)
  await shows(page.getByTestId("mailchimp-sales-channel-error"), /give this channel a new store id/)
  await screenshot(page, "sales-channels-settings-refused")
  // With a new store id: asked again, saved.
  await fill({ store_id: "shop-eu-b2b" })
  await form.getByRole("button", { name: "Save" }).click()
  await confirm(/moves from audience \w+ to b2bbrowse1\. A new Mailchimp store will be created and needs a backfill/)
  await form.waitFor({ state: "hidden" })
  await shows(seededRow, "EU shop (shop-eu-b2b)")
  await shows(seededRow, B2B_AUDIENCE)

  // After a reload: the saved mapping.
  await page.reload({ waitUntil: "domcontentloaded" })
  await visible(section, 120_000)
  await shows(seededRow, "EU shop (shop-eu-b2b)")
  await shows(seededRow, "EUR")
  await shows(seededRow, "https://eu.shop.test")
  await shows(seededRow, B2B_AUDIENCE)
  await shows(wholesaleRow, "not sent")
  await section.scrollIntoViewIfNeeded()
  await screenshot(page, "sales-channels-settings-saved")
  const saved = await adminRequest(store, "GET", "/admin/mailchimp/sales-channels")
  expect(saved.sales_channels.channels.find((c: { id: string }) => c.id === seeded).mapping).toEqual({
    store_id: "shop-eu-b2b",
    name: "EU shop",
    currency: "EUR",
    storefront_url: "https://eu.shop.test",
    audience_id: B2B_AUDIENCE,
  })
})
