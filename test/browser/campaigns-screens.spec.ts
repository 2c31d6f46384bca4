/**
 * The Campaigns screens in Debian's Chromium against a seeded store with the Mailchimp stand-in: the
 * merchant creates a campaign through the form (checked in the browser first), sends a test, tries a
 * time off the quarter hour and reads Mailchimp's rule from the server, schedules and unschedules,
 * sends it, and, once the report is pulled (the scheduled jobs run by `medusa exec`, as the hour after a
 * send would), reads the figures, the chart of opens and clicks and the attributed orders on the report
 * page, then the recipient's email activity on the customer page, and replicates the campaign.
 *
 * One store for the file; the tests run in order and build on each other. Every step asserts on what is
 * on screen and keeps a screenshot in test-artifacts/browser/campaigns-*.png.
 */
import path from "path"
import type { Page } from "playwright-core"
import { MailchimpClient } from "../../src/mailchimp"
import { runMedusa } from "../support/medusa-process"
import { SandboxControl } from "../support/sandbox-control"
import { checkout, StoreClient } from "../support/store-client"
import { adminLogin, openBrowser, screenshot, type Browser } from "./support/browser"
import { startBrowserStore, type BrowserStore } from "./support/browser-store"
import { eventually, shows, visible } from "./support/screen"

jest.setTimeout(600_000)

const SUBJECT = "Spring sale"
const CONTENT = `<h1>Spring sale</h1><p>Up to 30% off this week.</p><a href="https://shop.example.com/sale">See the sale</a>`
const RECIPIENTS = 20
const QUARTER = 15 * 60_000

let store: BrowserStore
let browser: Browser
let page: Page
let control: SandboxControl
let mailchimp: MailchimpClient
let recipients: string[] = []
let campaignId = ""
let mailchimpId = ""
let viaLink: any

async function token(): Promise<string> {
  const auth = await fetch(`${store.storeUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: store.adminEmail, password: store.adminPassword }),
  })
  return ((await auth.json()) as { token: string }).token
}

/** An admin API call from the test (setup and ids); what is asserted is on screen. */
async function adminApi<T = any>(method: string, apiPath: string, body?: unknown): Promise<T> {
  const res = await fetch(`${store.storeUrl}${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${await token()}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${method} ${apiPath} → ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** A datetime-local value for `t` (the browser runs in UTC). */
const localValue = (t: Date) => t.toISOString().slice(0, 16)

/**
 * The store's own hourly job (`src/jobs/pull-campaign-reports.ts`, minute 17) pulls the report of a sent
 * campaign. The report page is first checked before any pull, so the send is kept out of the minutes
 * before that job: from xx:13 on, the test waits until xx:18 (the time zone is the store's, this machine's).
 */
async function clearOfHourlyReportPull(): Promise<void> {
  const now = new Date()
  const minute = now.getMinutes()
  if (minute < 13 || minute >= 18) return
  const after = new Date(now)
  after.setMinutes(18, 5, 0)
  await new Promise((r) => setTimeout(r, after.getTime() - now.getTime()))
}

beforeAll(async () => {
  store = await startBrowserStore("campaigns")
  control = new SandboxControl(store.sandbox.url)
  mailchimp = new MailchimpClient({ apiKey: store.sandbox.apiKey, apiUrl: store.sandbox.apiBase })
  // The audience: people who signed up in Mailchimp themselves.
  for (let i = 0; i < RECIPIENTS; i++) {
    const email = `reader${i}-${Date.now()}@example.com`
    await control.call("POST", `/lists/${store.sandbox.audienceId}/members/${encodeURIComponent(email)}/subscribe`, {})
    recipients.push(email)
  }
  // The campaign webhook tells the store when Mailchimp has sent it.
  await adminApi("POST", "/admin/mailchimp/webhook")
  browser = await openBrowser()
  page = browser.page
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await store?.stop()
})

afterEach(() => browser?.flushConsoleErrors())

describe("the Campaigns screens, in Chromium", () => {
  it("logs in and opens the empty campaign list", async () => {
    await adminLogin(page, store.adminUrl, store.adminEmail, store.adminPassword)
    await page.goto(`${store.adminUrl}/mailchimp/campaigns`, { waitUntil: "domcontentloaded" })
    const list = page.getByTestId("mailchimp-campaigns")
    await list.waitFor({ timeout: 180_000 })
    await visible(list.getByRole("heading", { name: "Campaigns" }))
    await visible(list.getByText("No campaigns yet: create one."))
    await screenshot(page, "campaigns-01-empty-list")
  })

  it("creates a campaign through the form: checked in the browser first, previewed, then saved in Mailchimp", async () => {
    await page.getByRole("button", { name: "Create campaign" }).click()
    const form = page.getByTestId("mailchimp-campaign-form")
    await form.waitFor()

    // Nothing filled in: the form says what is missing and sends nothing.
    await form.getByRole("button", { name: "Create" }).click()
    await shows(form.locator("#campaign-subject-error"), "Give the subject line")
    await shows(form.locator("#campaign-from_name-error"), "Give the sender's name")
    await shows(form.locator("#campaign-reply_to-error"), "Give the reply-to address")
    await shows(form.locator("#campaign-html-error"), "Give the HTML content")
    await form.getByLabel("Reply-to address").fill("not-an-address")
    await form.getByRole("button", { name: "Create" }).click()
    await shows(form.locator("#campaign-reply_to-error"), "Not an email address")
    await screenshot(page, "campaigns-02-form-errors")
    expect((await control.state()).api_campaigns).toEqual([])

    await form.getByLabel("Subject line").fill(SUBJECT)
    await form.getByLabel("Preview text (optional)").fill("Up to 30% off")
    await form.getByLabel("From name").fill("The Shop")
    await form.getByLabel("Reply-to address").fill("hello@shop.example.com")
    await form.getByLabel("HTML content").fill(CONTENT)
    await shows(form.getByRole("combobox"), "The whole audience")

    // The preview: the HTML rendered in a sandboxed frame.
    await form.getByRole("button", { name: "Preview" }).click()
    const frame = form.getByTestId("mailchimp-campaign-preview")
    await visible(frame)
    expect(await frame.getAttribute("sandbox")).toBe("")
    await shows(form.frameLocator('[data-testid="mailchimp-campaign-preview"]').locator("h1"), "Spring sale")
    await screenshot(page, "campaigns-03-form-preview")

    await form.getByRole("button", { name: "Create" }).click()
    await form.waitFor({ state: "hidden", timeout: 60_000 })
    await visible(page.getByText("Campaign created"))
    // The campaign's page: its subject, a draft, in Mailchimp.
    await page.waitForURL(/\/mailchimp\/campaigns\/mccp_/, { timeout: 30_000 })
    campaignId = page.url().split("/").pop()!
    const detail = page.getByTestId("mailchimp-campaign")
    await shows(detail.getByTestId("mailchimp-campaign-subject"), SUBJECT)
    await shows(detail.getByTestId("mailchimp-campaign-status"), "Draft")
    await visible(detail.getByText("In Mailchimp", { exact: true }))
    await shows(detail, "The Shop <hello@shop.example.com>")
    await shows(detail, "The whole audience")
    await shows(page.frameLocator('iframe[title="Campaign content"]').locator("p"), "Up to 30% off this week.")
    await screenshot(page, "campaigns-04-created")

    const remote = (await control.state()).api_campaigns as any[]
    expect(remote).toHaveLength(1)
    mailchimpId = remote[0].id

    // The list shows it with its state.
    await page.getByRole("link", { name: "Campaigns" }).first().click()
    const row = page.getByTestId("mailchimp-campaign-row")
    await shows(row, SUBJECT)
    await shows(row, "Draft")
    await screenshot(page, "campaigns-05-list")
    await row.getByRole("link", { name: SUBJECT }).click()
    await shows(page.getByTestId("mailchimp-campaign-subject"), SUBJECT)
  })

  it("sends a test to the addresses given", async () => {
    const test = page.getByTestId("mailchimp-campaign-test")
    await test.getByLabel("Send a test").fill("qa@shop.example.com, nope")
    await test.getByRole("button", { name: "Send test" }).click()
    await shows(test.locator("#campaign-test-error"), "Not an email address: nope")

    await test.getByLabel("Send a test").fill("qa@shop.example.com, boss@shop.example.com")
    await test.getByRole("button", { name: "Send test" }).click()
    await shows(test.getByTestId("mailchimp-campaign-test-done"), "Test sent to qa@shop.example.com, boss@shop.example.com", 60_000)
    await screenshot(page, "campaigns-06-test-sent")
    const sent = ((await control.state()).api_campaigns as any[]).find((c) => c.id === mailchimpId)
    expect(sent.tests).toEqual([expect.objectContaining({ emails: ["qa@shop.example.com", "boss@shop.example.com"] })])
  })

  it("shows the server's error for a time off the quarter hour, then schedules and unschedules", async () => {
    const clock = new Date((await control.call("GET", "/clock")).now)
    const quarter = new Date(Math.ceil((clock.getTime() + 24 * 3_600_000) / QUARTER) * QUARTER)
    const off = new Date(quarter.getTime() + 7 * 60_000)
    const schedule = page.getByTestId("mailchimp-campaign-schedule")

    await schedule.getByLabel("Schedule").fill(localValue(off))
    await schedule.getByRole("button", { name: "Schedule" }).click()
    const error = schedule.locator("#campaign-schedule-error")
    await shows(error, "quarter-hour", 60_000)
    await shows(error, off.toISOString())
    await shows(page.getByTestId("mailchimp-campaign-status"), "Draft")
    await screenshot(page, "campaigns-07-schedule-refused")
    expect(((await control.state()).api_campaigns as any[]).find((c) => c.id === mailchimpId).status).toBe("save")

    await schedule.getByLabel("Schedule").fill(localValue(quarter))
    await schedule.getByRole("button", { name: "Schedule" }).click()
    await shows(page.getByTestId("mailchimp-campaign-status"), "Scheduled", 60_000)
    // Shown as the admin formats times (en-US, the browser's UTC).
    const expectedAt = quarter.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" })
    const flat = (s: string) => s.replace(/\s+/g, " ").trim()
    expect(flat(await page.getByTestId("mailchimp-campaign-scheduled-at").innerText())).toBe(flat(expectedAt))
    await screenshot(page, "campaigns-08-scheduled")

    await page.getByTestId("mailchimp-campaign-schedule").getByRole("button", { name: "Unschedule" }).click()
    await shows(page.getByTestId("mailchimp-campaign-status"), "Draft", 60_000)
    await visible(page.getByTestId("mailchimp-campaign-schedule").getByLabel("Schedule"))
    await screenshot(page, "campaigns-09-unscheduled")
  })

  it("sends it now, after a confirmation; the campaign webhook marks it sent", async () => {
    await clearOfHourlyReportPull()
    await page.getByTestId("mailchimp-campaign-actions").getByRole("button", { name: "Send now" }).click()
    const dialog = page.getByRole("alertdialog")
    await shows(dialog, "Send this campaign now?")
    await screenshot(page, "campaigns-10-send-confirm")
    await dialog.getByRole("button", { name: "Send now" }).click()
    await shows(page.getByTestId("mailchimp-campaign-status"), "Sent", 90_000)
    await visible(page.getByRole("link", { name: "View report" }))
    await screenshot(page, "campaigns-11-sent")
  })

  it("the report page: figures, the chart of opens and clicks, attributed orders, once the report is pulled", async () => {
    // Orders: one through the campaign's link (mc_cid), one by a recipient without it.
    const shop = new StoreClient(store.storeUrl, store.seed.publishableKey)
    viaLink = await checkout(shop, {
      regionId: store.seed.regionId,
      variantId: store.seed.variantIds[0],
      email: recipients[0],
      metadata: { mc_cid: mailchimpId },
    })
    const byRecipient = await checkout(shop, { regionId: store.seed.regionId, variantId: store.seed.variantIds[0], email: recipients[1], quantity: 2 })

    // Before the pull: no figures yet.
    await page.getByRole("link", { name: "View report" }).click()
    const report = page.getByTestId("mailchimp-campaign-report")
    await report.waitFor({ timeout: 60_000 })
    await shows(page.getByTestId("mailchimp-report-none"), "No figures yet")
    await screenshot(page, "campaigns-12-report-before-pull")

    // What the hourly jobs do after a send, now: poll, then pull the report through the queue.
    const out = await runMedusa(["exec", "./test/browser/support/pull-campaign-reports.ts"], {
      env: { ...store.env, CAMPAIGN_ID: campaignId },
      logFile: path.join(path.dirname(store.logFile), "campaigns-pull.log"),
      label: "campaigns pull",
    })
    expect(out).toContain(campaignId)

    const remote = await mailchimp.reports.get(mailchimpId)
    expect(remote.emails_sent).toBe(RECIPIENTS)
    expect(remote.opens!.opens_total).toBeGreaterThan(0)
    const figure = (label: string) => report.getByRole("group", { name: label, exact: true })
    const pct = (rate: number) => `${(rate * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`
    await page.reload({ waitUntil: "domcontentloaded" })
    await shows(figure("Sends"), new RegExp(`^Sends\\s+${RECIPIENTS}$`), 60_000)
    await shows(figure("Opens"), new RegExp(`^Opens\\s+${remote.opens!.opens_total}$`))
    await shows(figure("Unique opens"), new RegExp(`^Unique opens\\s+${remote.opens!.unique_opens}$`))
    await shows(figure("Open rate"), `${pct(remote.opens!.open_rate!)}`)
    await shows(figure("Clicks"), new RegExp(`^Clicks\\s+${remote.clicks!.clicks_total}$`))
    await shows(figure("Unique clicks"), new RegExp(`^Unique clicks\\s+${remote.clicks!.unique_clicks}$`))
    await shows(figure("Click rate"), `${pct(remote.clicks!.click_rate!)}`)
    const bounces = remote.bounces!.hard_bounces + remote.bounces!.soft_bounces
    await shows(figure("Bounces"), new RegExp(`^Bounces\\s+${bounces}$`))
    await shows(figure("Unsubscribes"), new RegExp(`^Unsubscribes\\s+${remote.unsubscribed}$`))
    await shows(report, "Figures pulled from Mailchimp")

    // The chart: two lines, opens and clicks, adding up to the report's totals.
    const chart = page.getByTestId("mailchimp-campaign-chart")
    await visible(chart)
    expect(await chart.getAttribute("aria-label")).toContain(`${remote.opens!.opens_total} opens and ${remote.clicks!.clicks_total} clicks`)
    await eventually(async () => expect(await chart.locator("path.recharts-line-curve").count()).toBe(2))
    await visible(chart.locator(".recharts-legend-item-text", { hasText: "Opens" }))
    await visible(chart.locator(".recharts-legend-item-text", { hasText: "Clicks" }))
    expect(await chart.locator(".recharts-xAxis .recharts-cartesian-axis-tick").count()).toBeGreaterThan(0)

    // Attributed: the order through the link, and apart, the recipient's order without it.
    const usd = (n: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(n)
    const links = page.getByTestId("mailchimp-attribution-links")
    await shows(links, usd(Number(viaLink.total)), 90_000)
    await shows(links, /USD\s+1\s+/)
    const others = page.getByTestId("mailchimp-attribution-recipients")
    await shows(others, usd(Number(byRecipient.total)), 60_000)
    await shows(others, /USD\s+1\s+/)
    await page.getByTestId("mailchimp-campaign-chart").scrollIntoViewIfNeeded()
    await screenshot(page, "campaigns-13-report")
    await others.scrollIntoViewIfNeeded()
    await screenshot(page, "campaigns-13b-report-attribution")
  })

  it("the customer page shows the recipient's email activity", async () => {
    const { customers } = await adminApi("GET", `/admin/customers?q=${encodeURIComponent(recipients[0])}`)
    const customer = customers.find((c: any) => c.email === recipients[0].toLowerCase() || c.email === recipients[0])
    expect(customer).toBeDefined()
    await page.goto(`${store.adminUrl}/customers/${customer.id}`, { waitUntil: "domcontentloaded" })
    const section = page.getByTestId("mailchimp-email-activity")
    await section.waitFor({ timeout: 120_000 })
    await shows(page.getByTestId("mailchimp-email-activity-totals"), /1 campaign: sent 1/)
    await visible(section.getByRole("link", { name: SUBJECT }))
    await section.scrollIntoViewIfNeeded()
    await screenshot(page, "campaigns-14-customer-activity")
  })

  it("replicates the sent campaign into a new draft", async () => {
    await page.goto(`${store.adminUrl}/mailchimp/campaigns/${campaignId}`, { waitUntil: "domcontentloaded" })
    await shows(page.getByTestId("mailchimp-campaign-status"), "Sent", 60_000)
    await page.getByTestId("mailchimp-campaign-actions").getByRole("button", { name: "Replicate" }).click()
    await page.waitForURL((url) => /\/mailchimp\/campaigns\/mccp_/.test(url.pathname) && !url.pathname.endsWith(campaignId), { timeout: 60_000 })
    await shows(page.getByTestId("mailchimp-campaign-subject"), SUBJECT)
    await shows(page.getByTestId("mailchimp-campaign-status"), "Draft")
    await shows(page.getByTestId("mailchimp-campaign"), "Copied from")
    await screenshot(page, "campaigns-15-replicated")
    await page.goto(`${store.adminUrl}/mailchimp/campaigns`, { waitUntil: "domcontentloaded" })
    await eventually(async () => expect(await page.getByTestId("mailchimp-campaign-row").count()).toBe(2), 60_000)
    await shows(page.getByTestId("mailchimp-campaign-row").filter({ hasText: "Sent" }), SUBJECT)
    await screenshot(page, "campaigns-16-list-after")
  })
})
