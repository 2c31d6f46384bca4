/**
 * Settings → Mailchimp's account health section in Debian's Chromium, against the demo's seeded store and a stand-in
 * set up with problems (no webhook registered, a US-format PHONE field, a required field the store cannot fill), and
 * the same check from the command line (`medusa exec …/scripts/health-check`).
 */
import type { Page } from "playwright-core"
import { MailchimpClient } from "../../src/mailchimp"
import { runMedusa } from "../support/medusa-process"
import { adminLogin, openBrowser, screenshot, type Browser } from "./support/browser"
import { startBrowserStore, type BrowserStore } from "./support/browser-store"
import { shows, visible } from "./support/screen"

jest.setTimeout(600_000)

let store: BrowserStore
let browser: Browser
let page: Page
let mc: MailchimpClient

beforeAll(async () => {
  store = await startBrowserStore("health")
  browser = await openBrowser()
  page = browser.page
  mc = new MailchimpClient({ apiKey: store.sandbox.apiKey, apiUrl: store.sandbox.apiBase })
  const audience = store.sandbox.audienceId
  const { merge_fields } = await mc.mergeFields.list(audience, { count: 100 })
  const phone = merge_fields.find((f) => f.tag === "PHONE")
  if (phone) await mc.request("DELETE", `/lists/${audience}/merge-fields/${phone.merge_id}`)
  await mc.mergeFields.create(audience, { tag: "PHONE", name: "Phone", type: "phone", options: { phone_format: "US" } })
  await mc.mergeFields.create(audience, { tag: "COMPANY", name: "Company", type: "text", required: true })
}, 900_000)

afterAll(async () => {
  await mc?.close()
  await browser?.close()
  await store?.stop()
})

afterEach(() => browser.flushConsoleErrors())

it("Settings → Mailchimp shows the account's health, each problem with how to fix it", async () => {
  await adminLogin(page, store.adminUrl, store.adminEmail, store.adminPassword)
  await page.goto(`${store.adminUrl}/settings/mailchimp`, { waitUntil: "domcontentloaded" })
  const section = page.getByTestId("mailchimp-health")
  await visible(section, 120_000)
  await shows(section, "Account health")
  const webhook = page.getByTestId("mailchimp-health-webhook")
  await shows(webhook, /The audience has no webhook to http:\/\/localhost:\d+\/hooks\/mailchimp/, 60_000)
  await shows(webhook, "How to fix: Press Register webhook")
  expect(await webhook.getAttribute("data-status")).toBe("error")
  const phone = page.getByTestId("mailchimp-health-merge_fields.phone")
  await shows(phone, "PHONE is a US-format phone field")
  expect(await phone.getAttribute("data-status")).toBe("warning")
  await shows(page.getByTestId("mailchimp-health-merge_fields.required"), 'COMPANY ("Company") is required')
  expect(await page.getByTestId("mailchimp-health-connection").getAttribute("data-status")).toBe("ok")
  expect(await section.innerText()).not.toContain(store.sandbox.apiKey)
  await section.scrollIntoViewIfNeeded()
  await screenshot(page, "health-check-problems")

  // Registering the webhook (the fix the line names) turns its line ok on the next check.
  await page.getByTestId("mailchimp-webhook").getByRole("button", { name: /^Register/ }).click()
  await shows(page.getByTestId("mailchimp-webhook"), "Registered", 60_000)
  await section.getByRole("button", { name: "Check again" }).click()
  await shows(webhook, "Registered to http://localhost", 60_000)
  expect(await webhook.getAttribute("data-status")).toBe("ok")
  await screenshot(page, "health-check-webhook-fixed")
})

it("the same check from the command line: one line per check, the fix under each problem, never the key", async () => {
  // A check in error makes the script exit 1, which runMedusa reports with the output.
  const out = await runMedusa(["exec", "./src/scripts/health-check.ts"], { env: store.env, label: "health-check script" }).catch(
    (e: Error) => e.message
  )
  expect(out).toMatch(/Mailchimp health check, .*: WARNING/)
  expect(out).toMatch(/WARNING {2}Phone format: PHONE is a US-format phone field/)
  expect(out).toMatch(/fix: If you sell outside the US, set PHONE's format to International/)
  expect(out).toMatch(/ok {5} {2}Webhook: Registered to http:\/\/localhost/)
  expect(out).not.toContain(store.sandbox.apiKey)
})
