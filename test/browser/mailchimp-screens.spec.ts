/**
 * The merchant's screens in the Medusa admin and the shopper's opt-in at checkout, in Debian's Chromium
 * against a seeded store (the demo's: admin user, the Mailchimp stand-in, the storefront page).
 *
 * One store for the whole file (booting it and compiling the admin is the cost); the tests run in
 * order and build on each other the way a merchant would: settings first, then a shopper opts in with
 * the label just saved, then the customer's page, a failed job retried, and a backfill.
 * Every step asserts on what is on screen and keeps a screenshot in test-artifacts/browser/.
 *
 * Segments and campaigns screens have their own files (segments-screens.spec.ts, campaigns-screens.spec.ts).
 */
import type { Page } from "playwright-core"
import { SandboxControl } from "../support/sandbox-control"
import { adminLogin, openBrowser, screenshot, type Browser } from "./support/browser"
import { startBrowserStore, type BrowserStore } from "./support/browser-store"
import { countIs, eventually, shows, visible } from "./support/screen"

jest.setTimeout(600_000)

const LABEL = "Send me the monthly letter"

let store: BrowserStore
let browser: Browser
let page: Page
let control: SandboxControl

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
}

/** An admin API call from the test (to find ids); what is asserted is on screen. */
async function adminApi<T = any>(path: string): Promise<T> {
  const auth = await fetch(`${store.storeUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: store.adminEmail, password: store.adminPassword }),
  })
  const { token } = (await auth.json()) as { token: string }
  const res = await fetch(`${store.storeUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`GET ${path} → ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** Fills the storefront's checkout and places the order; answers the order number shown. */
async function checkoutOnStorefront(email: string, optIn: boolean, shot: string): Promise<string> {
  await page.goto(store.storefrontUrl, { waitUntil: "domcontentloaded" })
  const box = page.getByRole("checkbox", { name: LABEL })
  await box.waitFor({ state: "visible", timeout: 60_000 })
  // Unchecked until the shopper ticks it.
  expect(await box.isChecked()).toBe(false)
  // The cart (with its line) is made on load; the button is enabled once it exists.
  await eventually(async () => expect(await page.getByRole("button", { name: "Place order" }).isEnabled()).toBe(true), 60_000)
  await page.getByLabel("Email").fill(email)
  if (optIn) {
    await box.check()
    expect(await box.isChecked()).toBe(true)
  }
  await screenshot(page, `${shot}-filled`)
  await page.getByRole("button", { name: "Place order" }).click()
  await page.getByRole("heading", { name: "Thank you!" }).waitFor({ timeout: 90_000 })
  expect(await page.getByTestId("order-email").innerText()).toBe(email)
  await screenshot(page, `${shot}-placed`)
  return (await page.getByTestId("order-number").textContent()) ?? ""
}

beforeAll(async () => {
  store = await startBrowserStore("screens")
  control = new SandboxControl(store.sandbox.url)
  browser = await openBrowser()
  page = browser.page
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await store?.stop()
})

afterEach(() => browser?.flushConsoleErrors())

describe("the admin and the storefront, in Chromium", () => {
  it("logs in to the admin", async () => {
    // The first load compiles the admin (Vite): adminLogin waits for it.
    await adminLogin(page, store.adminUrl, store.adminEmail, store.adminPassword)
    expect(new URL(page.url()).pathname).not.toMatch(/\/login$/)
    await screenshot(page, "01-admin-home")
  })

  it("Settings → Mailchimp shows the connection, the key masked, the audience's figures and the webhook", async () => {
    await page.goto(`${store.adminUrl}/settings/mailchimp`, { waitUntil: "domcontentloaded" })
    const connection = page.getByTestId("mailchimp-connection")
    await connection.waitFor({ timeout: 180_000 })
    await visible(connection.getByText("Connected", { exact: true }))
    await visible(connection.getByText("Ping", { exact: true }))

    // The key: masked, never in full, anywhere on the page.
    const keyRow = page.getByTestId("mailchimp-api-key")
    await visible(keyRow)
    const shownKey = (await keyRow.innerText()).replace(/^API key\s*/, "").trim()
    const dataCentre = store.sandbox.apiKey.split("-").pop()!
    expect(shownKey).toMatch(/[•*…]/)
    expect(shownKey.endsWith(dataCentre)).toBe(true)
    expect(shownKey).not.toContain(store.sandbox.apiKey)
    const secretPart = store.sandbox.apiKey.split("-")[0]
    expect(await page.content()).not.toContain(secretPart)
    await visible(connection.getByText(dataCentre, { exact: true }))

    // The audience, with its figures (a fresh stand-in: nobody yet).
    const audience = page.getByTestId("mailchimp-audience")
    await shows(audience.getByTestId("mailchimp-audience-name"), store.sandbox.audienceId)
    await shows(audience.getByRole("group", { name: "Members" }), /^Members\s+0$/)
    await shows(audience.getByRole("group", { name: "Unsubscribed" }), /^Unsubscribed\s+0$/)
    await shows(audience.getByRole("group", { name: "Cleaned" }), /^Cleaned\s+0$/)

    // The settings in force come from the plugin options.
    await shows(page.getByTestId("mailchimp-checkout-label"), "Email me news and offers")
    await shows(page.getByTestId("mailchimp-checkout-label"), "Plugin option")

    // The webhook can be registered (base URL and secret are set).
    const webhook = page.getByTestId("mailchimp-webhook")
    expect(await webhook.getByRole("button", { name: /^Register/ }).isEnabled()).toBe(true)
    await screenshot(page, "02-settings")
  })

  it("registers the webhook from the settings page", async () => {
    const webhook = page.getByTestId("mailchimp-webhook")
    await webhook.getByRole("button", { name: /^Register/ }).click()
    await visible(webhook.getByText("Registered", { exact: true }))
    await visible(webhook.getByRole("button", { name: "Register again" }))
    await shows(webhook, `${store.storeUrl}/`)
    const state = await control.state()
    const list = (state.lists as any[]).find((l) => l.id === store.sandbox.audienceId)
    expect(list.webhooks.length).toBeGreaterThanOrEqual(1)
    await screenshot(page, "03-settings-webhook-registered")
  })

  it("shows the server's error for a bad setting, and saves a new checkout label through the form", async () => {
    await page.getByTestId("mailchimp-settings").getByRole("button", { name: "Edit" }).click()
    const form = page.getByTestId("mailchimp-settings-form")
    await form.waitFor()
    expect(await form.getByLabel("Checkout label").inputValue()).toBe("Email me news and offers")

    // Checked in the browser first: an empty label is refused before anything is sent.
    await form.getByLabel("Checkout label").fill("   ")
    await form.getByRole("button", { name: "Save" }).click()
    await shows(form.locator("#checkout_label-error"), "cannot be empty")
    await screenshot(page, "04-settings-form-local-error")

    // A merge tag the audience does not have passes the form's own check; the server refuses it and names it.
    await form.getByLabel("Checkout label").fill(LABEL)
    const firstNameTag = await form.getByLabel("First name").inputValue()
    await form.getByLabel("First name").fill("NOSUCHTAG")
    await form.getByRole("button", { name: "Save" }).click()
    const fieldError = form.locator("#merge_fields\\.first_name-error")
    await visible(fieldError)
    await shows(fieldError, "NOSUCHTAG")
    expect(await form.getByLabel("First name").getAttribute("aria-invalid")).toBe("true")
    await screenshot(page, "05-settings-form-server-error")
    // Nothing was stored.
    const stored = await adminApi("/admin/mailchimp/settings")
    expect(stored.mailchimp.settings.checkout_label).toBe("Email me news and offers")

    // Put the tag back and save the label.
    await form.getByLabel("First name").fill(firstNameTag)
    await form.getByRole("button", { name: "Save" }).click()
    await form.waitFor({ state: "hidden", timeout: 30_000 })
    await visible(page.getByText("Mailchimp settings saved"))
    const labelRow = page.getByTestId("mailchimp-checkout-label")
    await shows(labelRow, LABEL)
    await shows(labelRow, "Saved here")
    await screenshot(page, "06-settings-saved")

    // It survives a reload: saved in the store.
    await page.reload({ waitUntil: "domcontentloaded" })
    await shows(page.getByTestId("mailchimp-checkout-label"), LABEL, 60_000)
  })

  it("storefront: the shopper ticks the box with the saved label, places the order, and is a member in Mailchimp", async () => {
    const email = `shopper-${Date.now()}@example.com`
    const orderNumber = await checkoutOnStorefront(email, true, "07-storefront")
    expect(orderNumber).toMatch(/^#\d+$/)
    await waitFor(async () => (await control.member(store.sandbox.audienceId, email))?.status === "subscribed", 60_000, "the member")
    const member = await control.member(store.sandbox.audienceId, email)
    expect(member).toEqual(expect.objectContaining({ email_address: email, status: "subscribed" }))
    expect(member.merge_fields).toEqual(expect.objectContaining({ FNAME: "Ada", LNAME: "Lovelace" }))
  })

  it("the customer's page shows the newsletter widget with the consent and its evidence", async () => {
    const email = (await control.members(store.sandbox.audienceId))[0].email_address as string
    const { customers } = await adminApi(`/admin/customers?q=${encodeURIComponent(email)}`)
    const customer = customers.find((c: any) => c.email === email)
    expect(customer).toBeDefined()
    await page.goto(`${store.adminUrl}/customers/${customer.id}`, { waitUntil: "domcontentloaded" })
    const widget = page.getByTestId("mailchimp-customer-widget")
    await widget.waitFor({ timeout: 120_000 })
    await visible(widget.getByText("Newsletter (Mailchimp)"))
    await visible(widget.getByText("Subscribed", { exact: true }))
    await shows(widget, email)
    const consents = widget.getByTestId("mailchimp-consents")
    await shows(consents, "Opted in at checkout")
    await shows(consents, `Shown: “${LABEL}”`)
    await shows(consents, /order order_/)
    await visible(consents.getByText("In Mailchimp", { exact: true }))
    await widget.scrollIntoViewIfNeeded()
    await screenshot(page, "08-customer-widget")
  })

  it("the order's page shows the shopper's choice, the label they saw, the consent and the order's sync", async () => {
    const email = (await control.members(store.sandbox.audienceId))[0].email_address as string
    const { orders } = await adminApi(`/admin/orders?q=${encodeURIComponent(email)}&fields=id,email`)
    const order = orders.find((o: any) => o.email === email)
    expect(order).toBeDefined()
    await page.goto(`${store.adminUrl}/orders/${order.id}`, { waitUntil: "domcontentloaded" })
    const widget = page.getByTestId("mailchimp-order-widget")
    await widget.waitFor({ timeout: 120_000 })
    await shows(widget.getByTestId("mailchimp-order-choice"), "Opted in")
    await shows(widget, `“${LABEL}”`)
    await visible(widget.getByText("Subscribed", { exact: true }))
    // The consent and, once the e-commerce sync ran, the order: both "In Mailchimp".
    await countIs(widget.getByText("In Mailchimp", { exact: true }), 2, 60_000)
    await widget.scrollIntoViewIfNeeded()
    await screenshot(page, "08b-order-widget")
  })

  it("a job Mailchimp refuses shows in the failed jobs with its reason; retry sends it", async () => {
    // Mailchimp answers 400 to everything: the opt-in's job fails and is not retried on its own.
    await control.faults({ error_rate: 1, error_status: 400 })
    const email = `refused-${Date.now()}@example.com`
    try {
      await checkoutOnStorefront(email, true, "09-storefront-refused")
      await page.goto(`${store.adminUrl}/mailchimp`, { waitUntil: "domcontentloaded" })
      const failed = page.getByTestId("mailchimp-failed-jobs")
      await failed.waitFor({ timeout: 120_000 })
      // The screen refreshes itself every two seconds.
      const row = failed.getByTestId("mailchimp-failed-job").filter({ hasText: "consent.sync" })
      await visible(row, 60_000)
      await countIs(row, 1)
      await shows(row, /consent\.sync[\s\S]*consent_id mcc_[\s\S]*Mailchimp 400 Bad Request/)
      await shows(page.getByTestId("mailchimp-queue").getByRole("group", { name: "Failed" }), /^Failed\s+[1-9]/)
      await shows(page.getByTestId("mailchimp-reconciler").getByRole("group", { name: "Consents failed" }), /^Consents failed\s+1$/)
      expect(await control.member(store.sandbox.audienceId, email)).toBeUndefined()
      await screenshot(page, "10-sync-failed-job")
    } finally {
      await control.clearFaults()
    }

    const row = page.getByTestId("mailchimp-failed-job").filter({ hasText: "consent.sync" })
    await row.getByRole("button", { name: "Retry" }).click()
    await visible(page.getByText("consent.sync queued again"))
    await countIs(row, 0, 60_000)
    // The order's e-commerce jobs were refused too: retry whatever else the list shows.
    const rows = page.getByTestId("mailchimp-failed-job")
    for (let left = await rows.count(); left > 0; left = await rows.count()) {
      await rows.first().getByRole("button", { name: "Retry" }).click()
      await countIs(rows, left - 1, 60_000)
    }
    await visible(page.getByTestId("mailchimp-failed-jobs").getByText("No failed jobs."))
    await waitFor(async () => (await control.member(store.sandbox.audienceId, email))?.status === "subscribed", 60_000, "the retried member")
    await shows(page.getByTestId("mailchimp-reconciler").getByRole("group", { name: "Consents failed" }), /^Consents failed\s+0$/)
    await screenshot(page, "11-sync-retried")
  })

  it("starts a backfill and watches its progress bar reach 100%, then the count check", async () => {
    await page.goto(`${store.adminUrl}/mailchimp`, { waitUntil: "domcontentloaded" })
    const backfill = page.getByTestId("mailchimp-backfill")
    await backfill.waitFor({ timeout: 120_000 })
    expect(await backfill.getByLabel("Customers").isChecked()).toBe(true)
    expect(await backfill.getByLabel("Orders").isChecked()).toBe(true)

    // The form checks itself: nothing chosen is refused before sending.
    for (const name of ["Customers", "Products", "Orders", "Purchase merge fields"]) await backfill.getByLabel(name).uncheck()
    await backfill.getByRole("button", { name: "Start backfill" }).click()
    await shows(backfill.locator("#objects-error"), "Choose at least one")
    for (const name of ["Customers", "Products", "Orders", "Purchase merge fields"]) await backfill.getByLabel(name).check()

    await backfill.getByRole("button", { name: "Start backfill" }).click()
    const bar = backfill.getByRole("progressbar", { name: "Backfill progress" })
    await bar.waitFor({ timeout: 30_000 })
    await screenshot(page, "12-backfill-started")
    await eventually(async () => expect(await bar.getAttribute("aria-valuenow")).toBe("100"), 180_000)
    await shows(backfill.getByTestId("mailchimp-backfill-status"), "completed", 120_000)
    await shows(backfill.getByTestId("progress-text"), /^100% · \d+ of \d+$/)
    // Two customers, one product, two orders in the store.
    await shows(backfill.getByRole("group", { name: "Total" }), /^Total\s+[1-9]/)
    await shows(backfill.getByRole("group", { name: "Backfill failed" }), /^Backfill failed\s+0$/)
    const check = backfill.getByTestId("mailchimp-count-check")
    await visible(check.getByText("Count check"), 120_000)
    await shows(check, "Mailchimp holds what the store holds.")
    await shows(check, /customers\s+\d+\s+\d+\s+\d+\s+0/)
    await eventually(async () => expect(await backfill.getByRole("button", { name: "Start backfill" }).isEnabled()).toBe(true))
    await check.scrollIntoViewIfNeeded()
    await screenshot(page, "13-backfill-completed")
  })

  it("the audience's figures on the settings page count the new members", async () => {
    await page.goto(`${store.adminUrl}/settings/mailchimp`, { waitUntil: "domcontentloaded" })
    const audience = page.getByTestId("mailchimp-audience")
    await audience.waitFor({ timeout: 120_000 })
    await shows(audience.getByRole("group", { name: "Members" }), /^Members\s+2$/)
    await screenshot(page, "14-settings-figures")
  })
})
