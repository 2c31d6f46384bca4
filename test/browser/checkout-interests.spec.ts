/**
 * The demo checkout with interest groups and marketing permissions, in Debian's Chromium: the merchant offers a
 * category of the audience, the audience has GDPR fields; the shopper ticks the box, then one interest and one
 * permission (each starts unticked), places the order, and Mailchimp's member has exactly those.
 */
import type { Page } from "playwright-core"
import { MailchimpClient, subscriberHash } from "../../src/mailchimp"
import { SandboxControl } from "../support/sandbox-control"
import { adminRequest } from "./support/admin-api"
import { adminLogin, openBrowser, screenshot, type Browser } from "./support/browser"
import { startBrowserStore, type BrowserStore } from "./support/browser-store"
import { eventually, shows, visible } from "./support/screen"

jest.setTimeout(600_000)

let store: BrowserStore
let browser: Browser
let page: Page
let control: SandboxControl
let mc: MailchimpClient

beforeAll(async () => {
  store = await startBrowserStore("interests")
  control = new SandboxControl(store.sandbox.url)
  mc = new MailchimpClient({ apiKey: store.sandbox.apiKey, apiUrl: store.sandbox.apiBase })
  browser = await openBrowser()
  page = browser.page
}, 900_000)

afterAll(async () => {
  await mc?.close()
  await browser?.close()
  await store?.stop()
})

afterEach(() => browser?.flushConsoleErrors())

it("the shopper ticks the box, one interest and one permission; Mailchimp's member has exactly those", async () => {
  const audience = store.sandbox.audienceId
  // In Mailchimp: the audience's groups and GDPR fields (shown by the API on members only: one member exists).
  const topics = await mc.interests.createCategory(audience, { title: "What do you like?", type: "checkboxes" })
  const shoes = await mc.interests.createInterest(audience, topics.id, { name: "Shoes" })
  await mc.interests.createInterest(audience, topics.id, { name: "Hats" })
  const { marketing_permissions: permissions } = await control.call("PUT", `/lists/${audience}/marketing-permissions`, {
    texts: ["Email", "Customized Online Advertising"],
  })
  await mc.members.upsert(audience, subscriberHash("first@example.com"), { email_address: "first@example.com", status_if_new: "subscribed" })
  await adminRequest(store, "POST", "/admin/mailchimp/settings", { interest_categories: [topics.id] })

  await page.goto(store.storefrontUrl, { waitUntil: "domcontentloaded" })
  const box = page.getByRole("checkbox", { name: "Email me news and offers" })
  await box.waitFor({ state: "visible", timeout: 60_000 })
  expect(await box.isChecked()).toBe(false)
  // Nothing to choose until the shopper opts in.
  expect(await page.getByRole("checkbox", { name: "Shoes" }).count()).toBe(0)
  await eventually(async () => expect(await page.getByRole("button", { name: "Place order" }).isEnabled()).toBe(true), 60_000)
  const email = `interests-${Date.now()}@example.com`
  await page.getByLabel("Email", { exact: true }).fill(email)
  await box.check()

  const group = page.getByRole("group", { name: "What do you like?" })
  await visible(group)
  const permissionsGroup = page.getByRole("group", { name: "Marketing permissions" })
  await visible(permissionsGroup)
  // Mailchimp's own texts, every box unticked.
  for (const name of ["Shoes", "Hats"]) expect(await group.getByRole("checkbox", { name }).isChecked()).toBe(false)
  for (const name of ["Email", "Customized Online Advertising"]) expect(await permissionsGroup.getByRole("checkbox", { name }).isChecked()).toBe(false)
  await group.getByRole("checkbox", { name: "Shoes" }).check()
  await permissionsGroup.getByRole("checkbox", { name: "Email" }).check()
  await screenshot(page, "checkout-interests-filled")

  await page.getByRole("button", { name: "Place order" }).click()
  await page.getByRole("heading", { name: "Thank you!" }).waitFor({ timeout: 90_000 })
  await screenshot(page, "checkout-interests-placed")

  await eventually(async () => {
    const member = await control.member(audience, email)
    expect(member?.status).toBe("subscribed")
    expect(member.interests).toEqual({ [shoes.id]: true })
    expect(member.marketing_permissions).toEqual({ [permissions[0].marketing_permission_id]: true })
  }, 90_000)
})

it("Settings → Mailchimp shows the offered category ticked and the permissions with Mailchimp's texts", async () => {
  await adminLogin(page, store.adminUrl, store.adminEmail, store.adminPassword)
  await page.goto(`${store.adminUrl}/settings/mailchimp`, { waitUntil: "domcontentloaded" })
  const section = page.getByTestId("mailchimp-interests")
  await visible(section, 120_000)
  await shows(section, "Interests and marketing permissions")
  expect(await section.getByRole("checkbox", { name: "What do you like?" }).getAttribute("data-state")).toBe("checked")
  await shows(section, "Customized Online Advertising")
  await section.scrollIntoViewIfNeeded()
  await screenshot(page, "checkout-interests-admin")
})
