import type { SandboxApp } from "../src"
import { allEmailActivity, readyCampaign, sendAndWait, subscribeMany, type EmailActivity } from "./campaign-helpers"
import { api, expectNoResponseViolations, LIST, STRICT_WARMUP_MS, strictSandbox } from "./helpers"

const sb = strictSandbox()
const mc = api(sb)

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterEach(async () => {
  await sb.idle()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

/** 60 recipients, one campaign with two links, sent. */
async function sentCampaign(app: SandboxApp = sb): Promise<string> {
  await subscribeMany(app, 60)
  const id = await readyCampaign(app)
  await sendAndWait(app, id)
  return id
}

/** The report's figures, counted independently from the e-mail activity. */
function count(emails: EmailActivity[]) {
  const bounces = (type: string) => emails.filter((e) => e.activity.some((a) => a.action === "bounce" && a.type === type)).length
  const opens = emails.flatMap((e) => e.activity.filter((a) => a.action === "open"))
  const clicks = emails.flatMap((e) => e.activity.filter((a) => a.action === "click"))
  const hard = bounces("hard")
  const soft = bounces("soft")
  const delivered = emails.length - hard - soft
  const uniqueOpens = emails.filter((e) => e.activity.some((a) => a.action === "open")).length
  const clickers = emails.filter((e) => e.activity.some((a) => a.action === "click")).length
  return {
    emails_sent: emails.length,
    hard,
    soft,
    opens_total: opens.length,
    unique_opens: uniqueOpens,
    open_rate: uniqueOpens / delivered,
    clicks_total: clicks.length,
    unique_subscriber_clicks: clickers,
    unique_clicks: emails.reduce((n, e) => n + new Set(e.activity.filter((a) => a.action === "click").map((a) => a.url)).size, 0),
    click_rate: clickers / delivered,
    last_open: opens.map((a) => a.timestamp).sort().pop(),
  }
}

describe("GET /reports/{campaign_id}", () => {
  it("is 404 until the campaign is sent", async () => {
    await subscribeMany(sb, 1)
    const id = await readyCampaign(sb)
    expect((await mc.get(`/reports/${id}`)).status).toBe(404)
    expect((await mc.get(`/reports/${id}/email-activity`)).status).toBe(404)
  })

  it("adds up to exactly what the e-mail activity says", async () => {
    const id = await sentCampaign()
    const emails = await allEmailActivity(sb, id)
    const c = count(emails)
    expect(c.emails_sent).toBe(60)
    expect(c.opens_total).toBeGreaterThan(c.unique_opens) // some opened more than once
    expect(c.clicks_total).toBeGreaterThan(0)
    expect(c.hard + c.soft).toBeGreaterThan(0)
    const report = (await mc.get(`/reports/${id}`)).body
    expect(report).toEqual(
      expect.objectContaining({
        id,
        list_id: LIST,
        subject_line: "Spring sale",
        campaign_title: "Spring",
        emails_sent: c.emails_sent,
        send_time: expect.any(String),
        bounces: expect.objectContaining({ hard_bounces: c.hard, soft_bounces: c.soft }),
        opens: { opens_total: c.opens_total, unique_opens: c.unique_opens, open_rate: c.open_rate, last_open: c.last_open },
        clicks: expect.objectContaining({
          clicks_total: c.clicks_total,
          unique_clicks: c.unique_clicks,
          unique_subscriber_clicks: c.unique_subscriber_clicks,
          click_rate: c.click_rate,
        }),
      })
    )
    const unsubscribed = [...sb.state.defaultList.members.values()].filter((m) => m.status === "unsubscribed").length
    expect(report.unsubscribed + report.abuse_reports).toBe(unsubscribed)
    expect(report.timeseries).toHaveLength(24)
    expect(report.timeseries.reduce((n: number, b: { emails_sent: number }) => n + b.emails_sent, 0)).toBe(60)
    const summary = (await mc.get(`/campaigns/${id}`)).body.report_summary
    expect(summary).toEqual(expect.objectContaining({ opens: c.opens_total, unique_opens: c.unique_opens, clicks: c.clicks_total }))
    expect((await mc.get("/reports")).body.total_items).toBe(1)
  })

  it("clicks only on links found in the HTML; click-details add up", async () => {
    const id = await sentCampaign()
    const emails = await allEmailActivity(sb, id)
    const urls = new Set(emails.flatMap((e) => e.activity.filter((a) => a.action === "click").map((a) => a.url)))
    expect([...urls].every((u) => u === "https://shop.example.com/sale" || u === "https://shop.example.com/new")).toBe(true)
    const details = (await mc.get(`/reports/${id}/click-details`)).body
    expect(details.urls_clicked.map((u: { url: string }) => u.url)).toEqual(["https://shop.example.com/sale", "https://shop.example.com/new"])
    const report = (await mc.get(`/reports/${id}`)).body
    const sum = (k: string) => details.urls_clicked.reduce((n: number, u: Record<string, number>) => n + u[k], 0)
    expect(sum("total_clicks")).toBe(report.clicks.clicks_total)
    expect(sum("unique_clicks")).toBe(report.clicks.unique_clicks)
  })

  it("counts the orders that carry the campaign's id", async () => {
    const id = await sentCampaign()
    await mc.post("/ecommerce/stores", { id: "s1", list_id: LIST, name: "S", currency_code: "EUR" })
    await mc.post("/ecommerce/stores/s1/products", { id: "p", title: "P", variants: [{ id: "p", title: "P" }] })
    for (const [n, total] of [[1, 30], [2, 12.5]] as const) {
      const res = await mc.post("/ecommerce/stores/s1/orders", {
        id: `o${n}`,
        campaign_id: id,
        customer: { id: `c${n}`, email_address: `r${n}@example.com`, opt_in_status: true },
        currency_code: "EUR",
        order_total: total,
        lines: [{ id: "l", product_id: "p", product_variant_id: "p", quantity: 1, price: total }],
      })
      expect(res.status).toBe(200)
    }
    const report = (await mc.get(`/reports/${id}`)).body
    expect(report.ecommerce).toEqual({ total_orders: 2, total_spent: 42.5, total_revenue: 42.5, currency_code: "EUR" })
  })
})

describe("GET /reports/{campaign_id}/email-activity", () => {
  it("pages with count and offset", async () => {
    const id = await sentCampaign()
    const first = await mc.get(`/reports/${id}/email-activity?count=25&offset=50`)
    expect(first.body.total_items).toBe(60)
    expect(first.body.emails).toHaveLength(10)
    expect(first.body.emails[0]).toEqual(expect.objectContaining({ campaign_id: id, list_id: LIST, email_id: expect.stringMatching(/^[0-9a-f]{32}$/) }))
  })

  it("`since` keeps only later activity, and only the addresses that have some", async () => {
    const id = await sentCampaign()
    const all = await allEmailActivity(sb, id)
    const times = all.flatMap((e) => e.activity.map((a) => a.timestamp)).sort()
    const since = times[Math.floor(times.length / 2)]
    const later = await allEmailActivity(sb, id, since)
    const expected = all
      .map((e) => ({ ...e, activity: e.activity.filter((a) => Date.parse(a.timestamp) > Date.parse(since)) }))
      .filter((e) => e.activity.length)
    expect(later.length).toBeGreaterThan(0)
    expect(later.length).toBeLessThan(all.length)
    expect(later.map((e) => [e.email_address, e.activity])).toEqual(expected.map((e) => [e.email_address, e.activity]))
    const one = await mc.get(`/reports/${id}/email-activity/${later[0].email_id}?since=${encodeURIComponent(since)}`)
    expect(one.body.activity).toEqual(later[0].activity)
  })
})

describe("determinism", () => {
  async function figures(options: { activitySeed?: string | number }) {
    const app = strictSandbox(options)
    try {
      await app.warmUp()
      const id = await sentCampaign(app)
      const report = (await api(app).get(`/reports/${id}`)).body
      const emails = await allEmailActivity(app, id)
      expect(app.state.responseViolations).toEqual([])
      const pick = ({ emails_sent, bounces, opens, clicks, unsubscribed, abuse_reports }: Record<string, unknown>) => ({
        emails_sent,
        bounces,
        opens: { ...(opens as object), last_open: undefined },
        clicks: { ...(clicks as object), last_click: undefined },
        unsubscribed,
        abuse_reports,
      })
      const activity = emails.map((e) => [e.email_address, e.activity.map((a) => [a.action, a.type, a.url])])
      return { report: pick(report), activity }
    } finally {
      app.close()
    }
  }

  it("the same seed gives the same figures and activity; another seed, others", async () => {
    const a = await figures({ activitySeed: "spring" })
    const b = await figures({ activitySeed: "spring" })
    const c = await figures({ activitySeed: "autumn" })
    expect(b).toEqual(a)
    expect(c.activity).not.toEqual(a.activity)
  })
})
