/**
 * Mailchimp's site script on the demo storefront, in Debian's Chromium (issue 22): the merchant turns it on, the
 * plugin finds the connected site's script (served by the stand-in: the machine is offline), and the storefront's
 * cookie banner lets the plugin's MailchimpSiteScript insert it only after "Accept cookies", exactly once.
 */
import type { Page } from "playwright-core"
import { waitFor } from "../support/redis-server"
import { StoreClient } from "../support/store-client"
import { adminLogin, openBrowser, screenshot, type Browser } from "./support/browser"
import { startBrowserStore, type BrowserStore } from "./support/browser-store"
import { countIs, eventually, visible } from "./support/screen"

jest.setTimeout(600_000)

let store: BrowserStore
let browser: Browser
let page: Page

beforeAll(async () => {
  store = await startBrowserStore("sitescript", { MAILCHIMP_STOREFRONT_URL: "http://shop.test" })
  browser = await openBrowser()
  page = browser.page
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await store?.stop()
})

afterEach(() => browser.flushConsoleErrors())

it("the merchant turns the site script on in Settings → Mailchimp", async () => {
  await adminLogin(page, store.adminUrl, store.adminEmail, store.adminPassword)
  await page.goto(`${store.adminUrl}/settings/mailchimp`, { waitUntil: "domcontentloaded" })
  const section = page.getByTestId("mailchimp-journeys")
  await visible(section, 120_000)
  const toggle = section.getByRole("checkbox", { name: "Mailchimp's site script on the storefront" })
  expect(await toggle.getAttribute("data-state")).toBe("unchecked")
  await toggle.click()
  await section.getByRole("button", { name: "Save" }).click()
  await visible(page.getByText("Customer Journey events saved"))
  // A job finds the connected site's script; the section shows its URL once the page reads the settings again.
  await eventually(
    async () => {
      await page.reload({ waitUntil: "domcontentloaded" })
      await visible(section, 120_000)
      expect(await section.getByTestId("mailchimp-site-script").textContent()).toMatch(/Script: http/)
    },
    90_000,
    2_000
  )
  expect(await toggle.getAttribute("data-state")).toBe("checked")
  await section.getByTestId("mailchimp-site-script").scrollIntoViewIfNeeded()
  await screenshot(page, "site-script-admin")
})

it("no script#mcjs before the shopper accepts the cookies, exactly one after", async () => {
  const shop = new StoreClient(store.storeUrl, store.seed.publishableKey)
  let url = ""
  await waitFor(async () => {
    url = (await shop.call("GET", "/store/newsletter/settings")).body?.newsletter?.site_script?.url ?? ""
    return !!url
  }, 60_000, 250)
  // The stand-in serves the script at the URL Mailchimp's connected site gives.
  expect(url.startsWith(store.sandbox.apiBase.replace(/\/3\.0\/?$/, ""))).toBe(true)

  await page.goto(store.storefrontUrl, { waitUntil: "domcontentloaded" })
  const banner = page.getByTestId("cookie-banner")
  await visible(banner)
  // The page knows the script (the settings were read) and still has not inserted it.
  await eventually(async () => expect(await banner.getAttribute("data-site-script")).toBe("available"))
  expect(await page.locator("script#mcjs").count()).toBe(0)
  expect(await page.evaluate(() => (window as any).__mailchimpSiteScript ?? 0)).toBe(0)
  await screenshot(page, "site-script-before-consent")

  await page.getByRole("button", { name: "Accept cookies" }).click()
  await countIs(page.locator("script#mcjs"), 1)
  expect(await page.locator("script#mcjs").getAttribute("src")).toBe(url)
  // The script ran once (the stand-in's script counts its runs), StrictMode's double effects notwithstanding.
  await eventually(async () => expect(await page.evaluate(() => (window as any).__mailchimpSiteScript ?? 0)).toBe(1))
  expect(await page.locator("script#mcjs").count()).toBe(1)
  await screenshot(page, "site-script-after-consent")
})
