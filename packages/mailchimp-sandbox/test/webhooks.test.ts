import type { DeliveryRecord } from "../src"
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
  looseSandbox,
  strictSandbox,
} from "./helpers"

const sb = strictSandbox({ webhookRetryDelaysMs: [30, 60] })
const mc = api(sb)
const ctl = control(sb)
const members = `/lists/${LIST}/members`
let receiver: Receiver

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(async () => {
  sb.state.reset()
  receiver = await startReceiver()
})
afterEach(async () => {
  await sb.idle({ retries: true })
  await receiver.close()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

async function register(body: object = {}) {
  const res = await mc.post(`/lists/${LIST}/webhooks`, { url: receiver.url, ...body })
  expect(res.status).toBe(200)
  receiver.received.length = 0
  return res.body as { id: string; url: string }
}

const subscribe = (email: string, body: object = {}) =>
  mc.put(`${members}/${hashOf(email)}`, { email_address: email, status_if_new: "subscribed", ...body })

describe("webhook resource", () => {
  it("checks the URL with a GET; no signing secret, ever (audience webhooks are not signed)", async () => {
    const res = await mc.post(`/lists/${LIST}/webhooks`, {
      url: receiver.url,
      events: { subscribe: true, unsubscribe: true, profile: false },
      sources: { user: true, admin: true, api: false },
    })
    expect(res.status).toBe(200)
    expect(receiver.received.map((r) => r.method)).toEqual(["GET"])
    expect(Object.keys(res.body).filter((k) => k.startsWith("signing"))).toEqual([])
    expect(res.body).toEqual(
      expect.objectContaining({
        id: expect.stringMatching(/^[0-9a-f]{10}$/),
        url: receiver.url,
        list_id: LIST,
        events: expect.objectContaining({ subscribe: true, unsubscribe: true, profile: false }),
      })
    )
    const one = await mc.get(`/lists/${LIST}/webhooks/${res.body.id}`)
    expect(one.status).toBe(200)
    expect(one.body.signing_secret).toBeUndefined()
    const all = await mc.get(`/lists/${LIST}/webhooks`)
    expect(all.body.total_items).toBe(1)
    expect(all.body.webhooks[0].signing_secret).toBeUndefined()
  })

  it("refuses a URL that does not answer the GET with 200", async () => {
    receiver.getStatus = 404
    const res = await mc.post(`/lists/${LIST}/webhooks`, { url: receiver.url })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors[0]).toEqual({ field: "url", message: expect.stringContaining("404") })
    expect((await mc.get(`/lists/${LIST}/webhooks`)).body.total_items).toBe(0)
  })

  it("refuses a URL nobody listens on", async () => {
    const res = await mc.post(`/lists/${LIST}/webhooks`, { url: "http://127.0.0.1:1/hooks" })
    expectProblem(res, 400, "Invalid Resource")
  })

  it("refuses the same URL twice, also when only the query differs; a new secret updates the webhook's URL", async () => {
    const { id } = await register({ url: `${receiver.url}?secret=first` })
    expectProblem(await mc.post(`/lists/${LIST}/webhooks`, { url: `${receiver.url}?secret=first` }), 400, "Invalid Resource")
    const other = await mc.post(`/lists/${LIST}/webhooks`, { url: `${receiver.url}?secret=second` })
    expectProblem(other, 400, "Invalid Resource")
    expect(other.body.errors[0].message).toMatch(/same webhook URL/)
    const rotated = await mc.patch(`/lists/${LIST}/webhooks/${id}`, { url: `${receiver.url}?secret=second` })
    expect(rotated.status).toBe(200)
    expect(rotated.body.url).toBe(`${receiver.url}?secret=second`)
    expect((await mc.get(`/lists/${LIST}/webhooks`)).body.total_items).toBe(1)
  })

  it("PATCHes events and sources, DELETE removes; unknown id is 404", async () => {
    const { id } = await register()
    const patched = await mc.patch(`/lists/${LIST}/webhooks/${id}`, { events: { campaign: false }, sources: { api: true } })
    expect(patched.status).toBe(200)
    expect(patched.body.events.campaign).toBe(false)
    expect(patched.body.events.subscribe).toBe(true)
    expect(patched.body.sources.api).toBe(true)
    expect((await mc.delete(`/lists/${LIST}/webhooks/${id}`)).status).toBe(204)
    expectProblem(await mc.get(`/lists/${LIST}/webhooks/${id}`), 404, "Resource Not Found")
  })
})

describe("deliveries, as Mailchimp sends them", () => {
  it("unsubscribe: form-encoded from MailChimp.com, unsigned, fired_at in GMT, data[...] keys with id and web_id", async () => {
    await register()
    await subscribe("ann@example.com", { merge_fields: { FNAME: "Ann", LNAME: "Lee" } })
    const res = await ctl.post(`/lists/${LIST}/members/ann@example.com/unsubscribe`, {
      reason: "abuse",
      campaign_id: "cb398d21d2",
    })
    expect(res.status).toBe(200)
    expect(res.body.member.status).toBe("unsubscribed")
    // The control route answered after the first attempt.
    expect(res.body.deliveries).toEqual([expect.objectContaining({ type: "unsubscribe", status: 200, attempt: 1, ok: true })])
    const [post] = receiver.posts()
    expect(post.headers["content-type"]).toBe("application/x-www-form-urlencoded")
    expect(post.headers["user-agent"]).toBe("MailChimp.com")
    expect(Object.keys(post.headers).filter((h) => h.includes("signature"))).toEqual([])
    const f = post.form
    expect(f.get("type")).toBe("unsubscribe")
    expect(f.get("fired_at")).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    expect(Math.abs(Date.parse(f.get("fired_at")!.replace(" ", "T") + "Z") - Date.now())).toBeLessThan(60_000)
    expect(f.get("data[action]")).toBe("unsub")
    expect(f.get("data[reason]")).toBe("abuse")
    expect(f.get("data[campaign_id]")).toBe("cb398d21d2")
    expect(f.get("data[list_id]")).toBe(LIST)
    expect(f.get("data[email]")).toBe("ann@example.com")
    expect(f.get("data[email_type]")).toBe("html")
    expect(f.get("data[id]")).toMatch(/^[0-9a-f]{10}$/)
    expect(f.get("data[web_id]")).toMatch(/^[0-9]+$/)
    expect(f.get("data[merges][FNAME]")).toBe("Ann")
    expect(f.get("data[merges][LNAME]")).toBe("Lee")
    expect(f.get("data[merges][EMAIL]")).toBe("ann@example.com")
    expect(f.has("data[ip_opt]")).toBe(true)
  })

  it("unsubscribe with action delete archives the member", async () => {
    await register()
    await subscribe("del@example.com")
    const res = await ctl.post(`/lists/${LIST}/members/del@example.com/unsubscribe`, { action: "delete" })
    expect(res.body.member.status).toBe("archived")
    expect(receiver.posts()[0].form.get("data[action]")).toBe("delete")
  })

  it("cleaned: data[reason], data[email], data[list_id], data[campaign_id]", async () => {
    await register()
    await subscribe("bounce@example.com")
    await ctl.post(`/lists/${LIST}/members/bounce@example.com/clean`, { reason: "hard", campaign_id: "c1" })
    const f = receiver.posts()[0].form
    expect([...f.keys()].sort()).toEqual(
      ["type", "fired_at", "data[list_id]", "data[campaign_id]", "data[reason]", "data[email]"].sort()
    )
    expect(f.get("type")).toBe("cleaned")
    expect(f.get("data[reason]")).toBe("hard")
    expect(f.get("data[email]")).toBe("bounce@example.com")
  })

  it("profile: merges checked against the audience and delivered, with an ADDRESS nested", async () => {
    await register()
    await subscribe("p@example.com")
    const bad = await ctl.post(`/lists/${LIST}/members/p@example.com/profile`, { merges: { NOPE: "x" } })
    expect(bad.status).toBe(400)
    await ctl.post(`/lists/${LIST}/members/p@example.com/profile`, {
      merges: { FNAME: "Pat", ADDRESS: { addr1: "1 Main", city: "Atlanta", state: "GA", zip: "30308" } },
    })
    const f = receiver.posts()[0].form
    expect(f.get("type")).toBe("profile")
    expect(f.get("data[merges][FNAME]")).toBe("Pat")
    expect(f.get("data[merges][ADDRESS][city]")).toBe("Atlanta")
    expect((await mc.get(`${members}/${hashOf("p@example.com")}`)).body.merge_fields.FNAME).toBe("Pat")
  })

  it("upemail sends upemail then profile, and the member moves", async () => {
    await register()
    await subscribe("before@example.com")
    const res = await ctl.post(`/lists/${LIST}/members/before@example.com/upemail`, { new_email: "after@example.com" })
    expect(res.body.deliveries.map((d: DeliveryRecord) => d.type)).toEqual(["upemail", "profile"])
    const [up, profile] = receiver.posts()
    expect(up.form.get("type")).toBe("upemail")
    expect(up.form.get("data[old_email]")).toBe("before@example.com")
    expect(up.form.get("data[new_email]")).toBe("after@example.com")
    expect(up.form.get("data[new_id]")).toMatch(/^[0-9a-f]{10}$/)
    expect(up.form.get("data[list_id]")).toBe(LIST)
    expect(profile.form.get("type")).toBe("profile")
    expect(profile.form.get("data[email]")).toBe("after@example.com")
    expect((await mc.get(`${members}/${hashOf("after@example.com")}`)).status).toBe(200)
  })

  it("subscribe confirms a pending member and delivers subscribe with ip_signup", async () => {
    await register()
    await mc.put(`${members}/${hashOf("dbl@example.com")}`, { email_address: "dbl@example.com", status_if_new: "pending" })
    const res = await ctl.post(`/lists/${LIST}/members/dbl@example.com/subscribe`, { ip_opt: "10.0.0.1" })
    expect(res.body.member.status).toBe("subscribed")
    const f = receiver.posts()[0].form
    expect(f.get("type")).toBe("subscribe")
    expect(f.get("data[ip_opt]")).toBe("10.0.0.1")
    expect(f.has("data[ip_signup]")).toBe(true)
  })

  it("campaign finish delivers data[id], data[subject], data[status], data[reason], data[list_id]", async () => {
    await register()
    const res = await ctl.post("/campaigns/5aa2102003/finish", { subject: "Spring sale" })
    expect(res.status).toBe(200)
    const f = receiver.posts()[0].form
    expect(f.get("type")).toBe("campaign")
    expect(f.get("data[id]")).toBe("5aa2102003")
    expect(f.get("data[subject]")).toBe("Spring sale")
    expect(f.get("data[status]")).toBe("sent")
    expect(f.get("data[reason]")).toBe("")
    expect(f.get("data[list_id]")).toBe(LIST)
  })

  it("only webhooks whose events and sources include the change are told", async () => {
    await register({ events: { unsubscribe: false }, sources: { user: true, admin: false, api: false } })
    await subscribe("f@example.com") // source api: not wanted
    await sb.idle()
    await ctl.post(`/lists/${LIST}/members/f@example.com/unsubscribe`, {}) // event not wanted
    await ctl.post(`/lists/${LIST}/members/f@example.com/subscribe`, { source: "admin" }) // source not wanted
    await ctl.post(`/lists/${LIST}/members/f@example.com/profile`, { merges: { FNAME: "F" } }) // user, wanted
    expect(receiver.posts().map((p) => p.form.get("type"))).toEqual(["profile"])
  })

  it("changes made through the API are delivered with source api when the webhook asks for it", async () => {
    await register({ sources: { user: true, admin: true, api: true } })
    await subscribe("api@example.com")
    await mc.patch(`${members}/${hashOf("api@example.com")}`, { merge_fields: { FNAME: "Api" } })
    await mc.patch(`${members}/${hashOf("api@example.com")}`, { status: "unsubscribed" })
    const listed = await ctl.get("/deliveries?wait=true")
    expect(listed.body.deliveries.map((d: DeliveryRecord) => [d.type, d.source])).toEqual([
      ["subscribe", "api"],
      ["profile", "api"],
      ["unsubscribe", "api"],
    ])
  })
})

describe("retries and 410", () => {
  it("retries after the configured delays while the store does not answer 2xx, recording every attempt", async () => {
    await register()
    await subscribe("r@example.com")
    receiver.postStatuses = [500, 503]
    const res = await ctl.post(`/lists/${LIST}/members/r@example.com/unsubscribe`, {})
    expect(res.body.deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 500, ok: false })])
    await sb.idle({ retries: true })
    const { body } = await ctl.get("/deliveries")
    expect(body.deliveries.map((d: DeliveryRecord) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 503],
      [3, 200],
    ])
    expect(new Set(body.deliveries.map((d: DeliveryRecord) => d.delivery_id)).size).toBe(1)
    expect(receiver.posts().map((p) => p.raw)).toEqual(Array(3).fill(receiver.posts()[0].raw))
    const state = (await ctl.get("/state")).body
    expect(state.deliveries).toHaveLength(3)
    expect(state.deliveries[0]).toEqual(expect.objectContaining({ url: receiver.url, type: "unsubscribe", status: 500, attempt: 1 }))
  })

  it("by default retries three times over 75 minutes of Mailchimp's time, on a clock a test can scale", async () => {
    const fast = looseSandbox({ webhookClockScale: 0.0001 })
    try {
      const res = await api(fast).post(`/lists/${LIST}/webhooks`, { url: receiver.url })
      expect(res.status).toBe(200)
      await api(fast).put(`${members}/${hashOf("slow@example.com")}`, { email_address: "slow@example.com", status_if_new: "subscribed" })
      receiver.postStatuses = [500, 500, 500, 500]
      const started = Date.now()
      await control(fast).post(`/lists/${LIST}/members/slow@example.com/unsubscribe`, {})
      await fast.idle({ retries: true })
      expect(fast.state.deliveries.map((d) => [d.attempt, d.after_ms / 60_000])).toEqual([
        [1, 0],
        [2, 5],
        [3, 25],
        [4, 75],
      ])
      // 75 minutes at a ten-thousandth: under a second.
      expect(Date.now() - started).toBeLessThan(5_000)
    } finally {
      fast.close()
    }
  })

  it("gives up after the last retry", async () => {
    await register()
    await subscribe("r2@example.com")
    receiver.postStatuses = [500, 500, 500, 500]
    await ctl.post(`/lists/${LIST}/members/r2@example.com/unsubscribe`, {})
    await sb.idle({ retries: true })
    expect(sb.state.deliveries.map((d) => d.attempt)).toEqual([1, 2, 3])
  })

  it("a 410 answer disables the webhook", async () => {
    const { id } = await register()
    await subscribe("g@example.com")
    receiver.postStatuses = [410]
    await ctl.post(`/lists/${LIST}/members/g@example.com/profile`, { merges: { FNAME: "G" } })
    await ctl.post(`/lists/${LIST}/members/g@example.com/unsubscribe`, {})
    await sb.idle({ retries: true })
    expect(sb.state.deliveries.map((d) => [d.type, d.status])).toEqual([["profile", 410]])
    const state = (await ctl.get("/state")).body
    expect(state.lists[0].webhooks.find((w: { id: string }) => w.id === id).disabled).toBe(true)
  })
})
