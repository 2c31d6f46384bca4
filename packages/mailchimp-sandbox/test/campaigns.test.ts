import { HTML, readyCampaign, sendAndWait, SETTINGS, subscribeMany } from "./campaign-helpers"
import {
  api,
  control,
  expectNoResponseViolations,
  expectProblem,
  hashOf,
  LIST,
  type Receiver,
  startReceiver,
  STRICT_WARMUP_MS,
  strictSandbox,
} from "./helpers"

// Generous rates, so that 30 recipients surely bounce, unsubscribe and complain.
const sb = strictSandbox({
  activityRates: { hard_bounce: 0.15, soft_bounce: 0.1, open: 0.7, click: 0.6, unsubscribe: 0.15, abuse: 0.1 },
})
const mc = api(sb)
const ctl = control(sb)

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterEach(async () => {
  await sb.idle()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

/** The next quarter hour at least `minutes` from the sandbox's now. */
function quarterHourAfter(minutes: number): Date {
  const t = new Date(sb.state.now().getTime() + minutes * 60_000)
  t.setUTCSeconds(0, 0)
  t.setUTCMinutes(Math.ceil(t.getUTCMinutes() / 15) * 15)
  return t
}

describe("campaign resource", () => {
  it("creates a regular campaign to an audience, reads, patches, lists and deletes it", async () => {
    const created = await mc.post("/campaigns", { type: "regular", recipients: { list_id: LIST }, settings: { subject_line: "Hi", title: "T" } })
    expect(created.status).toBe(200)
    expect(created.body).toEqual(
      expect.objectContaining({
        id: expect.stringMatching(/^[0-9a-f]{10}$/),
        type: "regular",
        status: "save",
        emails_sent: 0,
        recipients: expect.objectContaining({ list_id: LIST, recipient_count: 0 }),
        settings: expect.objectContaining({ subject_line: "Hi", title: "T", from_name: "" }),
      })
    )
    const id = created.body.id
    const patched = await mc.patch(`/campaigns/${id}`, { settings: { subject_line: "Hello", from_name: "Shop", reply_to: "shop@example.com" } })
    expect(patched.body.settings).toEqual(expect.objectContaining({ subject_line: "Hello", from_name: "Shop", title: "T" }))
    expect((await mc.get(`/campaigns/${id}`)).body.settings.subject_line).toBe("Hello")
    expect((await mc.get(`/campaigns?status=save&list_id=${LIST}`)).body.total_items).toBe(1)
    expect((await mc.get("/campaigns?status=sent")).body.total_items).toBe(0)
    expect((await mc.delete(`/campaigns/${id}`)).status).toBe(204)
    expect((await mc.get(`/campaigns/${id}`)).status).toBe(404)
  })

  it("refuses an audience that does not exist, a segment of another audience, a bad reply_to", async () => {
    expectProblem(await mc.post("/campaigns", { type: "regular", recipients: { list_id: "0000000000" } }), 400, "Invalid Resource")
    const seg = await mc.post("/campaigns", { type: "regular", recipients: { list_id: LIST, segment_opts: { saved_segment_id: 999 } } })
    expectProblem(seg, 400, "Invalid Resource")
    expect(seg.body.errors).toEqual([expect.objectContaining({ field: "recipients.segment_opts.saved_segment_id" })])
    expectProblem(await mc.post("/campaigns", { type: "regular", settings: { reply_to: "not-an-address" } }), 400, "Invalid Resource")
    expect(sb.state.campaignsById.size).toBe(0)
  })

  it("content: html in, plain text made from it; a template's sections", async () => {
    const { body } = await mc.post("/campaigns", { type: "regular", recipients: { list_id: LIST } })
    const put = await mc.put(`/campaigns/${body.id}/content`, { html: HTML })
    expect(put.body.html).toBe(HTML)
    expect(put.body.plain_text).toContain("Shop the sale (https://shop.example.com/sale)")
    expect((await mc.get(`/campaigns/${body.id}/content`)).body.html).toBe(HTML)
    const templated = await mc.put(`/campaigns/${body.id}/content`, { template: { id: 42, sections: { body: "<p>Hello</p>" } } })
    expect(templated.body.html).toContain('<div mc:edit="body"><p>Hello</p></div>')
    const campaign = await mc.get(`/campaigns/${body.id}`)
    expect(campaign.body).toEqual(expect.objectContaining({ content_type: "template", settings: expect.objectContaining({ template_id: 42 }) }))
  })

  it("replicates a campaign as a new draft", async () => {
    await subscribeMany(sb, 2)
    const id = await readyCampaign(sb)
    const copy = await mc.post(`/campaigns/${id}/actions/replicate`)
    expect(copy.status).toBe(200)
    expect(copy.body).toEqual(
      expect.objectContaining({ status: "save", parent_campaign_id: id, settings: expect.objectContaining({ title: "Spring (copy)" }) })
    )
    expect((await mc.get(`/campaigns/${copy.body.id}/content`)).body.html).toBe(HTML)
  })
})

describe("send checklist", () => {
  it("names what is missing: audience, recipients, subject, content", async () => {
    const { body } = await mc.post("/campaigns", { type: "regular" })
    const empty = await mc.get(`/campaigns/${body.id}/send-checklist`)
    expect(empty.body.is_ready).toBe(false)
    const errors = (res: typeof empty) => res.body.items.filter((i: { type: string }) => i.type === "error").map((i: { heading: string }) => i.heading)
    expect(errors(empty)).toEqual(["Audience", "Subject line", "From name", "From email address", "Content"])
    await mc.patch(`/campaigns/${body.id}`, { recipients: { list_id: LIST }, settings: SETTINGS })
    expect(errors(await mc.get(`/campaigns/${body.id}/send-checklist`))).toEqual(["Recipients", "Content"])
    await mc.put(`/campaigns/${body.id}/content`, { html: HTML })
    await subscribeMany(sb, 1)
    const ready = await mc.get(`/campaigns/${body.id}/send-checklist`)
    expect(ready.body.is_ready).toBe(true)
    const send = await mc.post(`/campaigns/${body.id}/actions/send`)
    expect(send.status).toBe(204)
  })

  it("send answers 400 when not ready, and nothing is sent", async () => {
    const { body } = await mc.post("/campaigns", { type: "regular", recipients: { list_id: LIST }, settings: SETTINGS })
    const res = await mc.post(`/campaigns/${body.id}/actions/send`)
    expectProblem(res, 400, "Bad Request")
    expect(res.body.detail).toBe("Your Campaign is not ready to send.")
    expect((await mc.get(`/campaigns/${body.id}`)).body.status).toBe("save")
  })
})

describe("test emails", () => {
  it("records the addresses; they are not recipients", async () => {
    await subscribeMany(sb, 1)
    const id = await readyCampaign(sb)
    const res = await mc.post(`/campaigns/${id}/actions/test`, { test_emails: ["qa@example.com", "boss@example.com"], send_type: "html" })
    expect(res.status).toBe(204)
    expect(sb.state.campaignsById.get(id)!.tests).toEqual([
      expect.objectContaining({ emails: ["qa@example.com", "boss@example.com"], send_type: "html" }),
    ])
    expect((await mc.get(`/campaigns/${id}`)).body.status).toBe("save")
    expectProblem(await mc.post(`/campaigns/${id}/actions/test`, { test_emails: ["nope"], send_type: "html" }), 400, "Invalid Resource")
  })
})

describe("schedule", () => {
  it("takes a quarter hour only (:00, :15, :30, :45), in the future", async () => {
    await subscribeMany(sb, 1)
    const id = await readyCampaign(sb)
    const at = quarterHourAfter(60)
    const off = new Date(at.getTime() + 7 * 60_000)
    const bad = await mc.post(`/campaigns/${id}/actions/schedule`, { schedule_time: off.toISOString() })
    expectProblem(bad, 400, "Invalid Resource")
    expect(bad.body.detail).toContain("quarter-hour")
    const past = quarterHourAfter(-120)
    expectProblem(await mc.post(`/campaigns/${id}/actions/schedule`, { schedule_time: past.toISOString() }), 400, "Invalid Resource")
    for (const minutes of [0, 15, 30, 45]) {
      const t = new Date(at)
      t.setUTCMinutes(minutes)
      if (t.getTime() <= sb.state.now().getTime()) t.setUTCHours(t.getUTCHours() + 1)
      expect((await mc.post(`/campaigns/${id}/actions/schedule`, { schedule_time: t.toISOString() })).status).toBe(204)
      const got = await mc.get(`/campaigns/${id}`)
      expect(got.body).toEqual(expect.objectContaining({ status: "schedule", send_time: t.toISOString().replace(".000Z", "+00:00") }))
      expect((await mc.post(`/campaigns/${id}/actions/unschedule`)).status).toBe(204)
      expect((await mc.get(`/campaigns/${id}`)).body.status).toBe("save")
    }
  })

  it("a scheduled campaign cannot be changed; it sends when the clock reaches its time", async () => {
    await subscribeMany(sb, 3)
    const id = await readyCampaign(sb)
    const at = quarterHourAfter(30)
    expect((await mc.post(`/campaigns/${id}/actions/schedule`, { schedule_time: at.toISOString() })).status).toBe(204)
    expectProblem(await mc.patch(`/campaigns/${id}`, { settings: SETTINGS }), 400, "Bad Request")
    const early = await ctl.post("/clock", { advance_minutes: 1 })
    expect(early.body.campaigns_sent).toEqual([])
    const clock = await ctl.post("/clock", { to: at.toISOString() })
    expect(clock.status).toBe(200)
    expect(clock.body.campaigns_sent).toEqual([id])
    const sent = await mc.get(`/campaigns/${id}`)
    expect(sent.body).toEqual(expect.objectContaining({ status: "sent", emails_sent: 3, send_time: at.toISOString().replace(".000Z", "+00:00") }))
    expect((await mc.get(`/reports/${id}`)).body.emails_sent).toBe(3)
  })

  it("sends on its own when its time comes", async () => {
    await subscribeMany(sb, 2)
    const id = await readyCampaign(sb)
    const at = quarterHourAfter(60)
    await ctl.post("/clock", { to: new Date(at.getTime() - 150).toISOString() })
    expect((await mc.post(`/campaigns/${id}/actions/schedule`, { schedule_time: at.toISOString() })).status).toBe(204)
    expect((await mc.get(`/campaigns/${id}`)).body.status).toBe("schedule")
    await new Promise((resolve) => setTimeout(resolve, 400))
    await sb.idle()
    expect((await mc.get(`/campaigns/${id}`)).body).toEqual(expect.objectContaining({ status: "sent", emails_sent: 2 }))
  })

  it("/_sandbox/campaigns/{id}/finish sends a scheduled campaign now", async () => {
    await subscribeMany(sb, 2)
    const id = await readyCampaign(sb)
    await mc.post(`/campaigns/${id}/actions/schedule`, { schedule_time: quarterHourAfter(24 * 60).toISOString() })
    const res = await ctl.post(`/campaigns/${id}/finish`)
    expect(res.status).toBe(200)
    expect(res.body.campaign).toEqual(expect.objectContaining({ id, status: "sent", subject: "Spring sale", list_id: LIST }))
    expect((await mc.get(`/campaigns/${id}`)).body.status).toBe("sent")
  })
})

describe("send", () => {
  it("goes sending → sent, to the subscribed members of the segment at send time", async () => {
    await subscribeMany(sb, 4)
    await mc.put(`/lists/${LIST}/members/${hashOf("p@example.com")}`, { email_address: "p@example.com", status_if_new: "pending" })
    const seg = await mc.post(`/lists/${LIST}/segments`, { name: "Some", static_segment: ["r0@example.com", "r1@example.com", "r2@example.com", "p@example.com"] })
    await mc.patch(`/lists/${LIST}/members/${hashOf("r2@example.com")}`, { status: "unsubscribed" })
    const id = await readyCampaign(sb, { list_id: LIST, segment_opts: { saved_segment_id: seg.body.id } })
    expect((await mc.get(`/campaigns/${id}`)).body.recipients).toEqual(
      expect.objectContaining({ recipient_count: 2, segment_opts: expect.objectContaining({ saved_segment_id: seg.body.id }) })
    )
    expect((await mc.post(`/campaigns/${id}/actions/send`)).status).toBe(204)
    expect((await mc.get(`/campaigns/${id}`)).body.status).toBe("sending")
    await sb.idle()
    const sent = await mc.get(`/campaigns/${id}`)
    expect(sent.body).toEqual(expect.objectContaining({ status: "sent", emails_sent: 2, send_time: expect.any(String) }))
    const activity = await mc.get(`/reports/${id}/email-activity`)
    expect(activity.body.emails.map((e: { email_address: string }) => e.email_address).sort()).toEqual(["r0@example.com", "r1@example.com"])
    expectProblem(await mc.post(`/campaigns/${id}/actions/send`), 400, "Bad Request")
    expectProblem(await mc.put(`/campaigns/${id}/content`, { html: "<p>late</p>" }), 400, "Bad Request")
  })

  it("bounces clean, unsubscribes and complaints unsubscribe, each with its webhook; then the campaign webhook", async () => {
    const receiver: Receiver = await startReceiver()
    try {
      await mc.post(`/lists/${LIST}/webhooks`, { url: receiver.url })
      await subscribeMany(sb, 30)
      const id = await readyCampaign(sb)
      await sendAndWait(sb, id)
      await sb.idle()
      const report = (await mc.get(`/reports/${id}`)).body
      expect(report.bounces.hard_bounces).toBeGreaterThan(0)
      expect(report.unsubscribed).toBeGreaterThan(0)
      expect(report.abuse_reports).toBeGreaterThan(0)
      const statuses = [...sb.state.defaultList.members.values()].map((m) => m.status)
      expect(statuses.filter((s) => s === "cleaned")).toHaveLength(report.bounces.hard_bounces)
      expect(statuses.filter((s) => s === "unsubscribed")).toHaveLength(report.unsubscribed + report.abuse_reports)
      const posts = receiver.posts().map((p) => p.form)
      const cleaned = posts.filter((f) => f.get("type") === "cleaned")
      const unsubscribed = posts.filter((f) => f.get("type") === "unsubscribe")
      expect(cleaned).toHaveLength(report.bounces.hard_bounces)
      expect(cleaned.every((f) => f.get("data[campaign_id]") === id && f.get("data[reason]") === "hard")).toBe(true)
      expect(unsubscribed).toHaveLength(report.unsubscribed + report.abuse_reports)
      expect(unsubscribed.every((f) => f.get("data[campaign_id]") === id && f.get("data[action]") === "unsub")).toBe(true)
      expect(unsubscribed.filter((f) => f.get("data[reason]") === "abuse")).toHaveLength(report.abuse_reports)
      const campaign = posts.filter((f) => f.get("type") === "campaign")
      expect(campaign.map((f) => [f.get("data[id]"), f.get("data[status]"), f.get("data[subject]")])).toEqual([[id, "sent", "Spring sale"]])
    } finally {
      await receiver.close()
    }
  })
})
