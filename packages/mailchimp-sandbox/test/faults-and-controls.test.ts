import request from "supertest"
import { SANDBOX_API_KEY, SANDBOX_AUDIENCE_ID, startSandbox, type RunningSandbox } from "../src"
import { mailchimpOpenApiPath } from "../src/openapi-path"
import { api, control, expectNoResponseViolations, expectProblem, hashOf, LIST, STRICT_WARMUP_MS, strictSandbox } from "./helpers"

const sb = strictSandbox()
const mc = api(sb)
const ctl = control(sb)

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterEach(() => expectNoResponseViolations(sb))
afterAll(() => sb.close())

describe("faults", () => {
  it("burst_429 answers the next N requests with 429 Too Many Requests", async () => {
    const set = await ctl.post("/faults", { burst_429: 2 })
    expect(set.status).toBe(200)
    expect(set.body.burst_429).toBe(2)
    expectProblem(await mc.get("/ping"), 429, "Too Many Requests")
    expectProblem(await mc.get(`/lists/${LIST}`), 429, "Too Many Requests")
    expect((await mc.get("/ping")).status).toBe(200)
  })

  it("burst_500 answers the next N with 500", async () => {
    await ctl.post("/faults", { burst_500: 1 })
    expectProblem(await mc.get("/ping"), 500, "Internal Server Error")
    expect((await mc.get("/ping")).status).toBe(200)
  })

  it("bodyless_403 answers 403 with an empty body", async () => {
    await ctl.post("/faults", { bodyless_403: 1 })
    const res = await mc.get("/ping")
    expect(res.status).toBe(403)
    expect(res.text).toBe("")
    expect(res.headers["content-type"]).toBeUndefined()
    expect((await mc.get("/ping")).status).toBe(200)
  })

  it("error_rate with error_status, until DELETE /_sandbox/faults", async () => {
    await ctl.post("/faults", { error_rate: 1, error_status: 503 })
    expect((await mc.get("/ping")).status).toBe(503)
    const cleared = await ctl.delete("/faults")
    expect(cleared.body).toEqual(expect.objectContaining({ error_rate: 0, burst_429: 0, latency_ms: 0 }))
    expect((await mc.get("/ping")).status).toBe(200)
  })

  it("error_rate defaults to 500", async () => {
    await ctl.post("/faults", { error_rate: 1 })
    expectProblem(await mc.get("/ping"), 500, "Internal Server Error")
  })

  it("latency_ms delays answers", async () => {
    await ctl.post("/faults", { latency_ms: 150 })
    const started = Date.now()
    expect((await mc.get("/ping")).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it("refuses a bad faults body, naming the field", async () => {
    const res = await ctl.post("/faults", { error_rate: 2 })
    expectProblem(res, 400, "Invalid Resource")
    expect(res.body.errors[0].field).toBe("error_rate")
    expect((await ctl.post("/faults", { burst_249: 1 })).status).toBe(400)
  })
})

describe("simultaneous connections", () => {
  let running: RunningSandbox
  beforeAll(async () => {
    running = await startSandbox({ openapiPath: mailchimpOpenApiPath() })
  }, STRICT_WARMUP_MS)
  afterAll(() => running.close())

  const ping = () =>
    fetch(`${running.apiBase}/ping`, { headers: { authorization: `Bearer ${running.apiKey}` } }).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }))

  it("startSandbox gives url, apiBase, key and audience id", () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(running.apiBase).toBe(`${running.url}/3.0`)
    expect(running.apiKey).toBe(SANDBOX_API_KEY)
    expect(running.audienceId).toBe(SANDBOX_AUDIENCE_ID)
  })

  it("more than 10 requests in flight: the extra ones answer 429", async () => {
    // Long enough that all 13 are in flight together even on a loaded machine.
    running.state.faults.latency_ms = 3_000
    const results = await Promise.all(Array.from({ length: 13 }, ping))
    running.state.faults.latency_ms = 0
    const statuses = results.map((r) => r.status).sort()
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.filter((s) => s === 429)).toHaveLength(3)
    expect(results.find((r) => r.status === 429)!.body).toEqual(
      expect.objectContaining({ title: "Too Many Requests", status: 429 })
    )
    expect(running.state.inFlight).toBe(0)
    expect((await ping()).status).toBe(200)
    expect(running.state.responseViolations).toEqual([])
  }, 30_000)

  it("maxConcurrent is an option", async () => {
    const small = await startSandbox({ openapiPath: "", maxConcurrent: 2 })
    small.state.faults.latency_ms = 2_000
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(`${small.apiBase}/ping`, { headers: { authorization: `Bearer ${small.apiKey}` } }).then((r) => r.status)
      )
    )
    await small.close()
    expect(statuses.sort()).toEqual([200, 200, 429, 429])
  })
})

describe("request log", () => {
  it("records /3.0 requests with method, path, body, status and time; DELETE clears it", async () => {
    await mc.put(`/lists/${LIST}/members/${hashOf("log@example.com")}`, {
      email_address: "log@example.com",
      status_if_new: "subscribed",
    })
    await request(sb.app).get("/3.0/ping")
    await ctl.get("/state")
    const res = await ctl.get("/requests")
    expect(res.body.requests).toEqual([
      expect.objectContaining({
        method: "PUT",
        path: `/3.0/lists/${LIST}/members/${hashOf("log@example.com")}`,
        body: { email_address: "log@example.com", status_if_new: "subscribed" },
        status: 200,
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      }),
      expect.objectContaining({ method: "GET", path: "/3.0/ping", body: null, status: 401 }),
    ])
    expect((await ctl.delete("/requests")).status).toBe(204)
    expect((await ctl.get("/requests")).body.requests).toEqual([])
  })
})

describe("state and reset", () => {
  it("shows lists, members with status, merge fields, tags, webhooks and deliveries; reset empties it", async () => {
    await mc.put(`/lists/${LIST}/members/${hashOf("s@example.com")}`, {
      email_address: "s@example.com",
      status_if_new: "pending",
    })
    await mc.post(`/lists/${LIST}/members/${hashOf("s@example.com")}/tags`, { tags: [{ name: "t1", status: "active" }] })
    let state = (await ctl.get("/state")).body
    expect(state.lists).toHaveLength(1)
    expect(state.lists[0]).toEqual(
      expect.objectContaining({
        id: LIST,
        merge_fields: expect.arrayContaining([expect.objectContaining({ tag: "FNAME" })]),
        members: [expect.objectContaining({ email_address: "s@example.com", status: "pending", tags: ["t1"] })],
        webhooks: [],
      })
    )
    expect(state.deliveries).toEqual([])
    await ctl.post("/faults", { latency_ms: 5 })
    await ctl.post("/lists", { name: "Other" })
    expect((await ctl.post("/reset")).status).toBe(204)
    state = (await ctl.get("/state")).body
    expect(state.lists).toHaveLength(1)
    expect(state.lists[0].members).toEqual([])
    expect(state.faults.latency_ms).toBe(0)
  })

  it("creates audiences with a chosen id and refuses a taken one", async () => {
    const res = await ctl.post("/lists", { id: "0123456789", name: "Chosen" })
    expect(res.status).toBe(201)
    expect((await mc.get("/lists/0123456789")).body.name).toBe("Chosen")
    expect((await ctl.post("/lists", { id: "0123456789" })).status).toBe(400)
    expectProblem(await ctl.patch("/lists/ffffffffff", { double_optin: true }), 404, "Resource Not Found")
  })

  it("acting routes answer 404 for unknown members", async () => {
    expectProblem(await ctl.post(`/lists/${LIST}/members/none@example.com/unsubscribe`, {}), 404, "Resource Not Found")
    expect((await ctl.post(`/lists/${LIST}/members/none@example.com/unsubscribe`, { reason: "bored" })).status).toBe(400)
  })
})
