/**
 * The segments screens in Debian's Chromium against a seeded store (the demo's: admin user, the
 * Mailchimp stand-in, the storefront page): shoppers opt in at checkout so that the audience has
 * members with purchases, then the merchant builds a segment, watches the live count follow the
 * conditions, saves it, syncs it, edits and deletes it.
 * Every step asserts on what is on screen and keeps a screenshot in test-artifacts/browser/.
 */
import type { Page } from "playwright-core"
import { SandboxControl } from "../support/sandbox-control"
import { adminLogin, openBrowser, screenshot, type Browser } from "./support/browser"
import { startBrowserStore, type BrowserStore } from "./support/browser-store"
import { countIs, eventually, shows, visible } from "./support/screen"

jest.setTimeout(600_000)

let store: BrowserStore
let browser: Browser
let page: Page
let control: SandboxControl
let segmentUrl = ""

const stamp = Date.now()
const twice = `twice-${stamp}@example.com`
const once = `once-${stamp}@example.com`

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
}

let token = ""
/** An admin API call from the test (to wait for the store's state); what is asserted is on screen. */
async function adminApi<T = any>(path: string, body?: unknown): Promise<T> {
  if (!token) {
    const auth = await fetch(`${store.storeUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: store.adminEmail, password: store.adminPassword }),
    })
    token = ((await auth.json()) as { token: string }).token
  }
  const res = await fetch(`${store.storeUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** Mailchimp's own answer (the stand-in's API) about a segment. */
async function mailchimpSegment(id: string): Promise<any> {
  const res = await fetch(`${store.sandbox.apiBase}/lists/${store.sandbox.audienceId}/segments/${id}`, {
    headers: { authorization: `Basic ${Buffer.from(`any:${store.sandbox.apiKey}`).toString("base64")}` },
  })
  if (!res.ok) throw new Error(`segment ${id} → ${res.status} ${await res.text()}`)
  return res.json()
}

/** Places an order on the storefront page with the newsletter box ticked. */
async function checkoutOnStorefront(email: string, shot?: string): Promise<void> {
  await page.goto(store.storefrontUrl, { waitUntil: "domcontentloaded" })
  const box = page.getByRole("checkbox")
  await box.first().waitFor({ state: "visible", timeout: 60_000 })
  await eventually(async () => expect(await page.getByRole("button", { name: "Place order" }).isEnabled()).toBe(true), 60_000)
  await page.getByLabel("Email", { exact: true }).fill(email)
  await box.first().check()
  expect(await box.first().isChecked()).toBe(true)
  if (shot) await screenshot(page, `${shot}-filled`)
  await page.getByRole("button", { name: "Place order" }).click()
  await page.getByRole("heading", { name: "Thank you!" }).waitFor({ timeout: 90_000 })
  expect(await page.getByTestId("order-email").innerText()).toBe(email)
  if (shot) await screenshot(page, `${shot}-placed`)
}

/** Picks `option` in the Radix select labelled `label` (inside `scope`). */
async function choose(scope: ReturnType<Page["locator"]> | Page, label: string, option: string): Promise<void> {
  await scope.getByRole("combobox", { name: label, exact: true }).click()
  await page.getByRole("option", { name: option, exact: true }).click()
}

beforeAll(async () => {
  store = await startBrowserStore("segments")
  control = new SandboxControl(store.sandbox.url)
  browser = await openBrowser()
  page = browser.page
}, 900_000)

afterAll(async () => {
  await browser?.close()
  await store?.stop()
})

afterEach(() => browser?.flushConsoleErrors())

describe("segments in the admin, in Chromium", () => {
  it("shoppers opt in at checkout: one orders twice, one once", async () => {
    await checkoutOnStorefront(twice, "s01-storefront")
    await checkoutOnStorefront(twice)
    await checkoutOnStorefront(once)
    for (const email of [twice, once]) {
      await waitFor(async () => (await control.member(store.sandbox.audienceId, email))?.status === "subscribed", 90_000, `member ${email}`)
    }
    // The store has recorded both members and their purchases (what the segments read).
    await waitFor(
      async () =>
        (await adminApi("/admin/mailchimp/segments/preview", { conditions: [{ type: "orders_count", op: "gte", value: 2 }] })).preview
          .count === 1 &&
        (await adminApi("/admin/mailchimp/segments/preview", { conditions: [{ type: "orders_count", op: "gte", value: 1 }] })).preview
          .count === 2,
      90_000,
      "the purchase profiles"
    )
  })

  it("logs in and opens the segments screen: none yet", async () => {
    await adminLogin(page, store.adminUrl, store.adminEmail, store.adminPassword)
    await page.goto(`${store.adminUrl}/mailchimp/segments`, { waitUntil: "domcontentloaded" })
    const list = page.getByTestId("mailchimp-segments")
    await list.waitFor({ timeout: 180_000 })
    await visible(list.getByRole("heading", { name: "Segments" }))
    await visible(list.getByText("No segments yet: create one."))
    await screenshot(page, "s02-segments-empty")
  })

  it("builds a segment and watches the live count follow the conditions", async () => {
    await page.getByRole("button", { name: "Create segment" }).click()
    const form = page.getByTestId("mailchimp-segment-form")
    await form.waitFor()
    const count = form.getByTestId("mailchimp-segment-preview-count")
    const condition = form.getByRole("group", { name: "Condition 1" })

    // The builder starts with "Number of orders at least 1": both shoppers.
    await shows(condition.getByRole("combobox", { name: "Condition 1 kind" }), "Number of orders")
    await shows(condition.getByRole("combobox", { name: "Condition 1 comparison" }), "at least")
    expect(await condition.getByLabel("Condition 1 value", { exact: true }).inputValue()).toBe("1")
    await shows(count, /^2 members$/, 60_000)
    await shows(form.getByTestId("mailchimp-segment-preview-sample"), once)
    await shows(form.getByTestId("mailchimp-segment-preview-sample"), twice)
    await screenshot(page, "s03-builder-at-least-1")

    // At least 2 orders: only the shopper who ordered twice.
    await condition.getByLabel("Condition 1 value", { exact: true }).fill("2")
    await shows(count, /^1 member$/, 60_000)
    await shows(form.getByTestId("mailchimp-segment-preview-sample"), twice)
    expect(await form.getByTestId("mailchimp-segment-preview-sample").innerText()).not.toContain(once)
    await screenshot(page, "s04-builder-at-least-2")

    // More than 5 orders: nobody.
    await choose(condition, "Condition 1 comparison", "more than")
    await condition.getByLabel("Condition 1 value", { exact: true }).fill("5")
    await shows(count, /^0 members$/, 60_000)
    await screenshot(page, "s05-builder-more-than-5")

    // Match any, with a second condition (a country nobody lives in) and then removed.
    await choose(condition, "Condition 1 comparison", "at least")
    await condition.getByLabel("Condition 1 value", { exact: true }).fill("2")
    await shows(count, /^1 member$/, 60_000)
    await choose(form, "Add condition", "Country")
    const second = form.getByRole("group", { name: "Condition 2" })
    await visible(second)
    await second.getByLabel("Condition 2 countries").fill("ZZ")
    await choose(form, "Match", "any of the conditions")
    await shows(count, /^1 member$/, 60_000)
    await shows(form.getByTestId("mailchimp-segment-preview-state"), "Up to date")
    await screenshot(page, "s06-builder-two-conditions")
    await second.getByRole("button", { name: "Remove condition 2" }).click()
    await countIs(form.getByTestId("mailchimp-segment-condition"), 1)

    // The form checks itself before sending: no name, no number.
    await condition.getByLabel("Condition 1 value", { exact: true }).fill("")
    await shows(form.getByTestId("mailchimp-segment-preview-state"), "Complete the conditions to count")
    await form.getByRole("button", { name: "Create", exact: true }).click()
    await shows(form.locator("#segment-name-error"), "Give the segment a name")
    await visible(form.getByText("Give a number"))
    expect(await condition.getByLabel("Condition 1 value", { exact: true }).getAttribute("aria-invalid")).toBe("true")
    await screenshot(page, "s07-builder-errors")
    expect((await adminApi("/admin/mailchimp/segments")).count).toBe(0)

    await condition.getByLabel("Condition 1 value", { exact: true }).fill("2")
    await shows(count, /^1 member$/, 60_000)
  })

  it("saves the segment, which reaches Mailchimp with its member", async () => {
    const form = page.getByTestId("mailchimp-segment-form")
    await form.getByLabel("Name", { exact: true }).fill("Repeat buyers")
    await form.getByRole("button", { name: "Create", exact: true }).click()
    await form.waitFor({ state: "hidden", timeout: 30_000 })
    await visible(page.getByText("Segment created"))

    const detail = page.getByTestId("mailchimp-segment")
    await detail.waitFor({ timeout: 60_000 })
    segmentUrl = page.url()
    expect(new URL(segmentUrl).pathname).toMatch(/\/mailchimp\/segments\/mcsg_/)
    await shows(detail.getByTestId("mailchimp-segment-name"), "Repeat buyers")
    await shows(detail.getByRole("group", { name: "Members" }), /^Members\s+1$/)
    await shows(page.getByTestId("mailchimp-segment-definition"), "Number of orders at least 2")
    // The sync runs through the queue; the screen refreshes itself until it is done.
    await shows(detail.getByTestId("mailchimp-segment-sync"), /^Synced$/, 90_000)
    await shows(detail.getByRole("group", { name: "In Mailchimp" }), /^In Mailchimp\s+1$/, 60_000)
    await shows(detail.getByRole("group", { name: "Changes to send" }), /^Changes to send\s+0$/)
    await shows(detail.getByTestId("mailchimp-segment-last-synced"), /Last synced\s+\S.* ago\)/)
    await screenshot(page, "s08-segment-synced")

    // Mailchimp holds it.
    const { segments } = await adminApi("/admin/mailchimp/segments")
    const remote = await mailchimpSegment(segments[0].mailchimp_segment_id)
    expect(remote).toEqual(expect.objectContaining({ name: "Repeat buyers", type: "static", member_count: 1 }))
  })

  it("the list shows the member count and sync state; sync now syncs it again", async () => {
    await page.goto(`${store.adminUrl}/mailchimp/segments`, { waitUntil: "domcontentloaded" })
    const row = page.getByTestId("mailchimp-segment-row").filter({ hasText: "Repeat buyers" })
    await visible(row, 120_000)
    await shows(row, "Number of orders at least 2")
    await shows(row.getByTestId("mailchimp-segment-members"), /^1$/)
    await shows(row.getByTestId("mailchimp-segment-in-mailchimp"), /^1$/)
    await shows(row.getByTestId("mailchimp-segment-sync"), /^Synced$/)

    // A new order of the other shopper makes them a repeat buyer; sync now brings them in.
    await checkoutOnStorefront(once)
    await waitFor(
      async () =>
        (await adminApi("/admin/mailchimp/segments/preview", { conditions: [{ type: "orders_count", op: "gte", value: 2 }] })).preview
          .count === 2,
      90_000,
      "the second purchase profile"
    )
    await page.goto(`${store.adminUrl}/mailchimp/segments`, { waitUntil: "domcontentloaded" })
    await visible(row, 120_000)
    await row.getByRole("button", { name: "Sync now" }).click()
    await visible(page.getByText("Repeat buyers: sync queued"))
    await shows(row.getByTestId("mailchimp-segment-members"), /^2$/, 60_000)
    await shows(row.getByTestId("mailchimp-segment-in-mailchimp"), /^2$/, 90_000)
    await shows(row.getByTestId("mailchimp-segment-sync"), /^Synced$/, 60_000)
    await screenshot(page, "s09-list-synced-again")
    const { segments } = await adminApi("/admin/mailchimp/segments")
    expect((await mailchimpSegment(segments[0].mailchimp_segment_id)).member_count).toBe(2)
  })

  it("edits the segment's conditions: the count follows and Mailchimp with it", async () => {
    await page.getByTestId("mailchimp-segment-row").filter({ hasText: "Repeat buyers" }).getByRole("link", { name: "Repeat buyers" }).click()
    const detail = page.getByTestId("mailchimp-segment")
    await detail.waitFor({ timeout: 60_000 })
    await detail.getByRole("button", { name: "Edit" }).click()
    const form = page.getByTestId("mailchimp-segment-form")
    await form.waitFor()
    expect(await form.getByLabel("Name", { exact: true }).inputValue()).toBe("Repeat buyers")
    const condition = form.getByRole("group", { name: "Condition 1" })
    expect(await condition.getByLabel("Condition 1 value", { exact: true }).inputValue()).toBe("2")
    await shows(form.getByTestId("mailchimp-segment-preview-count"), /^2 members$/, 60_000)
    await condition.getByLabel("Condition 1 value", { exact: true }).fill("3")
    await shows(form.getByTestId("mailchimp-segment-preview-count"), /^0 members$/, 60_000)
    await form.getByLabel("Name", { exact: true }).fill("Loyal buyers")
    await screenshot(page, "s10-edit")
    await form.getByRole("button", { name: "Save", exact: true }).click()
    await form.waitFor({ state: "hidden", timeout: 30_000 })
    await visible(page.getByText("Segment saved"))
    await shows(detail.getByTestId("mailchimp-segment-name"), "Loyal buyers")
    await shows(detail.getByRole("group", { name: "Members" }), /^Members\s+0$/)
    await shows(page.getByTestId("mailchimp-segment-definition"), "Number of orders at least 3")
    await shows(detail.getByRole("group", { name: "In Mailchimp" }), /^In Mailchimp\s+0$/, 90_000)
    await shows(detail.getByTestId("mailchimp-segment-sync"), /^Synced$/, 60_000)
    await screenshot(page, "s11-edited-synced")
    const { segments } = await adminApi("/admin/mailchimp/segments")
    const remote = await mailchimpSegment(segments[0].mailchimp_segment_id)
    expect(remote).toEqual(expect.objectContaining({ member_count: 0 }))
  })

  it("deletes the segment", async () => {
    const detail = page.getByTestId("mailchimp-segment")
    await detail.getByRole("button", { name: "Delete" }).click()
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click()
    await visible(page.getByText("Segment deleted"))
    await visible(page.getByTestId("mailchimp-segments").getByText("No segments yet: create one."), 60_000)
    await screenshot(page, "s12-deleted")
  })
})
