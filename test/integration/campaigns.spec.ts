import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import IORedis from "ioredis"
import { Modules } from "@medusajs/framework/utils"
import { MailchimpClient } from "../../src/mailchimp"
import { MAILCHIMP_MODULE } from "../../src/modules/mailchimp"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../src/modules/mailchimp-campaigns"
import type MailchimpCampaignsService from "../../src/modules/mailchimp-campaigns/service"
import { MAILCHIMP_COMMERCE_MODULE } from "../../src/modules/mailchimp-commerce"
import type MailchimpCommerceService from "../../src/modules/mailchimp-commerce/service"
import pollCampaignsJob from "../../src/jobs/poll-campaigns"
import pullCampaignReportsJob from "../../src/jobs/pull-campaign-reports"
import type { RunningSandbox } from "@medusa-mailchimp/sandbox"
import { adminHeaders } from "../support/admin-auth"
import { PluginEnv, startPluginEnv, stopPluginEnv } from "../support/plugin-env"
import { waitFor } from "../support/redis-server"
import { scanRedis } from "../support/redis-scan"
import type { SandboxControl } from "../support/sandbox-control"
import { seedStore, SeededStore } from "../support/seed-store"
import { checkout, StoreClient } from "../support/store-client"
import { testDbName } from "../support/test-db"

jest.setTimeout(240_000)

const SECRET = "test-webhook-secret-campaigns-0123"
let env: PluginEnv
let sandbox: RunningSandbox
let control: SandboxControl

beforeAll(async () => {
  env = await startPluginEnv({ env: { MAILCHIMP_WEBHOOK_SECRET: SECRET } })
  process.env.MAILCHIMP_WEBHOOK_BASE_URL = `http://localhost:${env.port}`
  ;({ sandbox, control } = env)
})

afterAll(() => stopPluginEnv(env))

const QUARTER = 15 * 60_000
/** The first quarter hour at least `minutes` after `from`. */
const quarterAfter = (from: Date, minutes: number) => new Date(Math.ceil((from.getTime() + minutes * 60_000) / QUARTER) * QUARTER)

medusaIntegrationTestRunner({
  dbName: testDbName("campaigns"),
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shop: StoreClient
    let admin: Record<string, string>
    let baseUrl: string
    let core: MailchimpModuleService
    let campaigns: MailchimpCampaignsService
    let mailchimp: MailchimpClient
    let n = 0

    beforeAll(async () => {
      store = await seedStore(getContainer())
    })

    beforeEach(async () => {
      await control.reset()
      baseUrl = api.defaults.baseURL
      shop = new StoreClient(baseUrl, store.publishableKey)
      core = getContainer().resolve(MAILCHIMP_MODULE)
      core.forgetAudienceProfile()
      core.forgetWebhookSecrets()
      campaigns = getContainer().resolve(MAILCHIMP_CAMPAIGNS_MODULE)
      admin = await adminHeaders(getContainer(), baseUrl)
      mailchimp = new MailchimpClient({ apiKey: sandbox.apiKey, apiUrl: sandbox.apiBase })
    })

    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${baseUrl}/admin/mailchimp${path}`, {
        method,
        headers: { ...admin, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : undefined }
    }
    /** People who signed up in Mailchimp themselves (their own opt-in). */
    const subscribers = async (count: number, prefix: string) => {
      const emails: string[] = []
      for (let i = 0; i < count; i++) {
        const email = `${prefix}${++n}-${Date.now()}@example.com`
        await control.call("POST", `/lists/${sandbox.audienceId}/members/${encodeURIComponent(email)}/subscribe`, {})
        emails.push(email)
      }
      return emails
    }
    const apiCampaign = async (id: string) => ((await control.state()).api_campaigns as any[]).find((c) => c.id === id)
    const content = `<p>Spring sale</p><a href="https://shop.example.com/sale">Sale</a> <a href="https://shop.example.com/new">New</a>`
    const draft = (extra: Record<string, unknown> = {}) => ({
      subject: "Spring sale",
      preview_text: "Up to 30% off",
      from_name: "The Shop",
      reply_to: "hello@shop.example.com",
      html: content,
      ...extra,
    })

    it("refuses bad bodies with 400 and stores nothing", async () => {
      const bad = [
        {},
        draft({ subject: "" }),
        draft({ reply_to: "not-an-address" }),
        draft({ template_id: 12 }),
        draft({ html: undefined }),
        draft({ unknown_field: 1 }),
        draft({ segment_id: "mcsg_1", mailchimp_segment_id: 3 }),
      ]
      for (const body of bad) {
        const res = await call("POST", "/campaigns", body)
        expect(res.status).toBe(400)
      }
      expect(await campaigns.listMailchimpCampaigns({})).toEqual([])
      expect((await control.state()).api_campaigns).toEqual([])
    })

    it("creates, tests, schedules (quarter hours only), unschedules and sends a campaign to a segment; its webhook marks it sent; statistics and attributed revenue match the stand-in", async () => {
      // The webhook, so the `campaign` event reaches the store.
      const hook = await fetch(`${baseUrl}/admin/mailchimp/webhook`, { method: "POST", headers: admin })
      expect(hook.status).toBe(200)

      const recipients = await subscribers(12, "rcpt")
      const outsiders = await subscribers(2, "other")
      const segment = await mailchimp.segments.createStatic(sandbox.audienceId, "Spring buyers", recipients)

      // Create
      const created = await call("POST", "/campaigns", draft({ mailchimp_segment_id: segment.id }))
      expect(created.status).toBe(201)
      const id = created.body.campaign.id
      const mcId = created.body.campaign.mailchimp_campaign_id
      expect(created.body.campaign).toEqual(
        expect.objectContaining({ status: "save", sync_status: "synced", content_type: "html", mailchimp_segment_id: segment.id })
      )
      expect(mcId).toEqual(expect.any(String))
      const remote = await mailchimp.campaigns.get(mcId)
      expect(remote.settings).toEqual(
        expect.objectContaining({ subject_line: "Spring sale", preview_text: "Up to 30% off", from_name: "The Shop", reply_to: "hello@shop.example.com" })
      )
      expect(remote.recipients?.segment_opts?.saved_segment_id).toBe(segment.id)
      expect((await mailchimp.campaigns.getContent(mcId)).html).toContain("https://shop.example.com/sale")

      // Update
      const updated = await call("POST", `/campaigns/${id}`, { subject: "Spring sale: last days" })
      expect(updated.status).toBe(200)
      expect((await mailchimp.campaigns.get(mcId)).settings?.subject_line).toBe("Spring sale: last days")
      expect((await call("POST", `/campaigns/${id}`, { subject: 42 })).status).toBe(400)
      expect((await call("GET", `/campaigns/${id}`)).body.campaign.subject).toBe("Spring sale: last days")

      // List and read
      const list = await call("GET", "/campaigns?limit=10")
      expect(list.status).toBe(200)
      expect(list.body.campaigns.map((c: any) => c.id)).toEqual([id])

      // Checklist
      const checklist = await call("GET", `/campaigns/${id}/checklist`)
      expect(checklist.status).toBe(200)
      expect(checklist.body.checklist.is_ready).toBe(true)

      // Test emails
      expect((await call("POST", `/campaigns/${id}/test`, { emails: ["nope"] })).status).toBe(400)
      const tested = await call("POST", `/campaigns/${id}/test`, { emails: ["qa@shop.example.com", "boss@shop.example.com"] })
      expect(tested.status).toBe(200)
      expect((await apiCampaign(mcId)).tests).toEqual([
        expect.objectContaining({ emails: ["qa@shop.example.com", "boss@shop.example.com"], send_type: "html" }),
      ])
      // The addresses went through Postgres, not the queue: no key of the queue's Redis names them, and
      // their row is gone once Mailchimp took the test.
      const redis = new IORedis(env.redis.url, { maxRetriesPerRequest: null })
      try {
        expect(await scanRedis(redis, ["qa@shop.example.com", "boss@shop.example.com"])).toEqual([])
      } finally {
        redis.disconnect()
      }
      expect(await campaigns.listCampaignTestSends({})).toEqual([])

      // Schedule: a time off the quarter hour is refused, named, not rounded, and Mailchimp is not asked
      const now = new Date((await control.call("GET", "/clock")).now)
      const offQuarter = new Date(quarterAfter(now, 60).getTime() + 7 * 60_000).toISOString()
      await control.clearRequests()
      const refused = await call("POST", `/campaigns/${id}/schedule`, { schedule_time: offQuarter })
      expect(refused.status).toBe(400)
      expect(refused.body.message).toContain("quarter-hour")
      expect(refused.body.message).toContain(offQuarter)
      expect((await control.requests()).filter((r: any) => String(r.path).includes("/actions/"))).toEqual([])
      expect((await campaigns.retrieveMailchimpCampaign(id)).status).toBe("save")
      expect((await call("POST", `/campaigns/${id}/schedule`, { schedule_time: "tomorrow" })).status).toBe(400)

      const at = quarterAfter(now, 60)
      const scheduled = await call("POST", `/campaigns/${id}/schedule`, { schedule_time: at.toISOString() })
      expect(scheduled.status).toBe(200)
      expect(scheduled.body.campaign.status).toBe("schedule")
      expect(new Date(scheduled.body.campaign.scheduled_at).getTime()).toBe(at.getTime())
      expect((await apiCampaign(mcId)).status).toBe("schedule")
      // A scheduled campaign is not changed.
      expect((await call("POST", `/campaigns/${id}`, { subject: "Too late" })).status).toBe(400)

      // Unschedule
      expect((await call("POST", `/campaigns/${id}/unschedule`, { extra: true })).status).toBe(400)
      const unscheduled = await call("POST", `/campaigns/${id}/unschedule`)
      expect(unscheduled.status).toBe(200)
      expect(unscheduled.body.campaign).toEqual(expect.objectContaining({ status: "save", scheduled_at: null }))
      expect((await apiCampaign(mcId)).status).toBe("save")

      // Send now; the campaign webhook marks it sent
      const sent = await call("POST", `/campaigns/${id}/send`)
      expect(sent.status).toBe(200)
      expect(["sending", "sent"]).toContain(sent.body.campaign.status)
      await waitFor(async () => (await campaigns.retrieveMailchimpCampaign(id)).status === "sent", 20_000)
      await waitFor(async () => (await core.listWebhookEvents({ type: "campaign" })).some((e) => e.status === "applied"), 20_000)
      const [event] = await core.listWebhookEvents({ type: "campaign", status: "applied" })
      expect(event.outcome).toContain(`local campaign ${id} sent`)
      const local = await campaigns.retrieveMailchimpCampaign(id)
      const sandboxCampaign = await apiCampaign(mcId)
      expect(sandboxCampaign.status).toBe("sent")
      expect(sandboxCampaign.recipients.sort()).toEqual(recipients.map((e) => e.toLowerCase()).sort())
      expect(new Date(local.sent_at!).getTime()).toBe(Date.parse(sandboxCampaign.send_time))
      // A second send is Mailchimp's 400, in its words.
      const again = await call("POST", `/campaigns/${id}/send`)
      expect(again.status).toBe(400)
      expect(again.body.message).toContain("already been sent")

      // Orders: one through the campaign's link (mc_cid), one by a recipient without it, one by someone else
      const viaLink = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: recipients[0], metadata: { mc_cid: mcId } })
      const byRecipient = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: recipients[1], quantity: 2 })
      const byOther = await checkout(shop, { regionId: store.regionId, variantId: store.variantIds[0], email: outsiders[0] })
      const commerce = getContainer().resolve<MailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
      const orderIds = [viaLink.id, byRecipient.id, byOther.id]
      await waitFor(async () => (await commerce.listPurchaseOrders({ order_id: orderIds })).length === 3, 30_000)
      expect((await commerce.listPurchaseOrders({ order_id: viaLink.id }))[0].campaign_id).toBe(mcId)

      // Pull: the scheduled job queues it
      const queued = await pullCampaignReportsJob(getContainer())
      expect(queued.campaign_ids).toEqual([id])
      await waitFor(async () => (await campaigns.listCampaignReports({ campaign_id: id })).length === 1, 30_000)

      const report = await mailchimp.reports.get(mcId)
      const [pulled] = await campaigns.listCampaignReports({ campaign_id: id })
      expect(pulled).toEqual(
        expect.objectContaining({
          mailchimp_campaign_id: mcId,
          emails_sent: report.emails_sent,
          opens: report.opens!.opens_total,
          unique_opens: report.opens!.unique_opens,
          clicks: report.clicks!.clicks_total,
          unique_clicks: report.clicks!.unique_clicks,
          hard_bounces: report.bounces!.hard_bounces,
          soft_bounces: report.bounces!.soft_bounces,
          unsubscribed: report.unsubscribed,
          abuse_reports: report.abuse_reports,
        })
      )
      expect(pulled.open_rate).toBeCloseTo(report.opens!.open_rate!, 6)
      expect(pulled.click_rate).toBeCloseTo(report.clicks!.click_rate!, 6)
      expect(pulled.emails_sent).toBe(recipients.length)
      // The stand-in drew real activity from its seed.
      expect(pulled.opens).toBeGreaterThan(0)

      // Activity: every event the stand-in reports, once, and a `sent` row per recipient
      const remoteActivity = await mailchimp.reports.emailActivity(mcId, { count: 1000 })
      const expected = remoteActivity.emails
        .flatMap((p) => p.activity.map((a) => `${p.email_address.toLowerCase()}|${a.action}|${Date.parse(a.timestamp)}|${a.url ?? ""}`))
        .sort()
      const rows = await campaigns.listEmailActivities({ campaign_id: mcId }, { take: 10_000 })
      const stored = rows
        .filter((r) => r.action !== "sent")
        .map((r) => `${r.email}|${r.action}|${new Date(r.occurred_at).getTime()}|${r.url ?? ""}`)
        .sort()
      expect(stored).toEqual(expected)
      expect(rows.filter((r) => r.action === "sent").map((r) => r.email).sort()).toEqual(recipients.map((e) => e.toLowerCase()).sort())
      // The figures add up from the activity.
      expect(rows.filter((r) => r.action === "open").length).toBe(pulled.opens)
      expect(new Set(rows.filter((r) => r.action === "open").map((r) => r.email)).size).toBe(pulled.unique_opens)
      expect(rows.filter((r) => r.action === "click").length).toBe(pulled.clicks)
      expect(rows.filter((r) => r.action === "bounce").length).toBe(pulled.hard_bounces + pulled.soft_bounces)

      // A second pull adds nothing
      const second = (await core.getQueue().runAndWait("campaign.report.pull", { campaign_id: id })) as { activity_new: number }
      expect(second.activity_new).toBe(0)
      expect(await campaigns.listEmailActivities({ campaign_id: mcId }, { take: 10_000 })).toHaveLength(rows.length)

      // Report route: figures, attribution (apart), activity per hour
      const res = await call("GET", `/campaigns/${id}/report`)
      expect(res.status).toBe(200)
      const money = (o: any) => Number(o.total)
      expect(res.body.attribution.campaign_id).toEqual([
        { currency_code: viaLink.currency_code, orders: 1, revenue: expect.any(String) },
      ])
      expect(Number(res.body.attribution.campaign_id[0].revenue)).toBe(money(viaLink))
      expect(res.body.attribution.recipients).toEqual([{ currency_code: byRecipient.currency_code, orders: 1, revenue: expect.any(String) }])
      expect(Number(res.body.attribution.recipients[0].revenue)).toBe(money(byRecipient))
      expect(res.body.attribution.window.days).toBe(5)
      expect(res.body.report.opens).toBe(pulled.opens)
      const perHour = res.body.activity as { hour: string; action: string; events: number }[]
      expect(perHour.reduce((s, b) => s + b.events, 0)).toBe(expected.length)
      expect(perHour.every((b) => new Date(b.hour).getUTCMinutes() === 0)).toBe(true)

      // Mailchimp's own e-commerce figure for the campaign (the order synced with its campaign id) agrees
      await waitFor(async () => ((await mailchimp.reports.get(mcId)).ecommerce?.total_orders ?? 0) === 1, 30_000)
      expect((await mailchimp.reports.get(mcId)).ecommerce?.total_revenue).toBe(money(viaLink))

      // The customer page: the recipient's activity on this campaign
      const [customer] = await getContainer().resolve(Modules.CUSTOMER).listCustomers({ email: recipients[0] })
      expect(customer).toBeDefined()
      const customerId = customer.id
      // Activity rows name the store's customer of that address.
      expect(rows.filter((r) => r.email === recipients[0].toLowerCase()).every((r) => r.customer_id === customerId)).toBe(true)
      const activity = await call("GET", `/customers/${customerId}/email-activity`)
      expect(activity.status).toBe(200)
      const mine = expected.filter((e) => e.startsWith(`${recipients[0].toLowerCase()}|`)).length
      expect(activity.body.activity).toHaveLength(mine + 1)
      expect(activity.body.activity.every((a: any) => a.campaign_id === mcId && a.local_campaign_id === id)).toBe(true)
      expect(activity.body.totals.sent).toBe(1)
      expect((await call("GET", `/customers/cus_missing/email-activity`)).status).toBe(404)
    })

    it("replicates a campaign, sends a scheduled template campaign when Mailchimp's clock reaches it, and the poll brings its state without a webhook", async () => {
      await subscribers(3, "poll")
      const created = await call("POST", "/campaigns", draft({ html: undefined, template_id: 7, title: "Template news" }))
      expect(created.status).toBe(201)
      expect(created.body.campaign.content_type).toBe("template")
      const id = created.body.campaign.id

      const copy = await call("POST", `/campaigns/${id}/replicate`)
      expect(copy.status).toBe(201)
      expect(copy.body.campaign).toEqual(expect.objectContaining({ replicated_from: id, subject: "Spring sale", status: "save", sync_status: "synced" }))
      const copyMcId = copy.body.campaign.mailchimp_campaign_id
      expect(copyMcId).toEqual(expect.any(String))
      expect(copyMcId).not.toBe(created.body.campaign.mailchimp_campaign_id)
      expect((await mailchimp.campaigns.get(copyMcId)).settings?.template_id).toBe(7)

      const now = new Date((await control.call("GET", "/clock")).now)
      const at = quarterAfter(now, 30)
      const scheduled = await call("POST", `/campaigns/${copy.body.campaign.id}/schedule`, { schedule_time: at.toISOString() })
      expect(scheduled.status).toBe(200)
      const moved = await control.call("POST", "/clock", { to: at.toISOString() })
      expect(moved.campaigns_sent).toEqual([copyMcId])
      // No webhook is registered: the store still thinks it is scheduled, until the poll.
      expect((await campaigns.retrieveMailchimpCampaign(copy.body.campaign.id)).status).toBe("schedule")
      const polled = await pollCampaignsJob(getContainer())
      expect(polled.queued).toBe(1)
      await waitFor(async () => (await campaigns.retrieveMailchimpCampaign(copy.body.campaign.id)).status === "sent", 20_000)
      const local = await campaigns.retrieveMailchimpCampaign(copy.body.campaign.id)
      expect(new Date(local.sent_at!).getTime()).toBe(at.getTime())
      expect(local.emails_sent).toBe(3)
      expect(local.scheduled_at).toBeNull()
    })
  },
})
