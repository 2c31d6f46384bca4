import request from "supertest"
import { SANDBOX_API_KEY, SANDBOX_AUDIENCE_ID } from "../src"
import { api, control, hashOf as hash, expectNoResponseViolations, expectProblem, LIST, STRICT_WARMUP_MS, strictSandbox } from "./helpers"

const sb = strictSandbox()
const mc = api(sb)
const ctl = control(sb)

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterEach(() => expectNoResponseViolations(sb))
afterAll(() => sb.close())

describe("constants", () => {
  it("has a key and an audience id in Mailchimp's shapes", () => {
    expect(SANDBOX_API_KEY).toMatch(/^[0-9a-f]{32}-us1$/)
    expect(SANDBOX_AUDIENCE_ID).toMatch(/^[0-9a-f]{10}$/)
  })
})

describe("auth", () => {
  it("accepts HTTP Basic with any user and the key as password", async () => {
    const res = await request(sb.app).get("/3.0/ping").auth("whoever", SANDBOX_API_KEY)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ health_status: "Everything's Chimpy!" })
  })

  it("accepts Bearer", async () => {
    const res = await request(sb.app).get("/3.0/ping").set("Authorization", `Bearer ${SANDBOX_API_KEY}`)
    expect(res.status).toBe(200)
  })

  it("answers 401 API Key Invalid for a wrong key, as problem+json", async () => {
    const res = await request(sb.app).get("/3.0/lists").auth("x", "ffffffffffffffffffffffffffffffff-us1")
    expectProblem(res, 401, "API Key Invalid")
  })

  it("answers 401 API Key Missing without credentials", async () => {
    expectProblem(await request(sb.app).get("/3.0/ping"), 401, "API Key Missing")
  })

  it("takes another key when configured", async () => {
    const other = strictSandbox({ apiKey: "00000000000000000000000000000000-us6" })
    expect((await request(other.app).get("/3.0/ping").auth("u", SANDBOX_API_KEY)).status).toBe(401)
    expect((await request(other.app).get("/3.0/ping").auth("u", "00000000000000000000000000000000-us6")).status).toBe(200)
    other.close()
  })
})

describe("lists", () => {
  it("lists the default audience with stats and double_optin", async () => {
    const res = await mc.get("/lists")
    expect(res.status).toBe(200)
    expect(res.body.total_items).toBe(1)
    expect(res.body.lists[0]).toEqual(
      expect.objectContaining({
        id: LIST,
        double_optin: false,
        stats: expect.objectContaining({ member_count: 0, unsubscribe_count: 0, cleaned_count: 0 }),
      })
    )
  })

  it("gets one audience; counts follow the members", async () => {
    await mc.put(`/lists/${LIST}/members/${hash("a@example.com")}`, { email_address: "a@example.com", status_if_new: "subscribed" })
    await mc.put(`/lists/${LIST}/members/${hash("b@example.com")}`, { email_address: "b@example.com", status_if_new: "unsubscribed" })
    const res = await mc.get(`/lists/${LIST}`)
    expect(res.status).toBe(200)
    expect(res.body.stats).toEqual(
      expect.objectContaining({ member_count: 1, unsubscribe_count: 1, cleaned_count: 0, total_contacts: 2 })
    )
  })

  it("answers 404 Resource Not Found for an unknown audience", async () => {
    expectProblem(await mc.get("/lists/0000000000"), 404, "Resource Not Found")
    expectProblem(await mc.get("/lists/0000000000/members/" + hash("a@example.com")), 404, "Resource Not Found")
  })

  it("applies fields and exclude_fields", async () => {
    const res = await mc.get(`/lists?fields=lists.id,lists.stats.member_count,total_items`)
    expect(res.body).toEqual({ lists: [{ id: LIST, stats: { member_count: 0 } }], total_items: 1 })
    const one = await mc.get(`/lists/${LIST}?exclude_fields=stats,contact,_links`)
    expect(one.body.stats).toBeUndefined()
    expect(one.body.id).toBe(LIST)
  })

  it("shows a double opt-in audience made through the controls, and a flip of the setting", async () => {
    const created = await ctl.post("/lists", { name: "Second", double_optin: true })
    expect(created.status).toBe(201)
    const id = created.body.id
    expect((await mc.get(`/lists/${id}`)).body.double_optin).toBe(true)
    await ctl.patch(`/lists/${id}`, { double_optin: false })
    expect((await mc.get(`/lists/${id}`)).body.double_optin).toBe(false)
    expect((await mc.get("/lists")).body.total_items).toBe(2)
  })

  it("takes doubleOptIn for the default audience from the options", async () => {
    const other = strictSandbox({ doubleOptIn: true })
    const res = await api(other).get(`/lists/${LIST}`)
    expect(res.body.double_optin).toBe(true)
    other.close()
  })
})

describe("unknown routes", () => {
  it("answers 404 problem+json", async () => {
    expectProblem(await mc.get("/no-such-thing"), 404, "Resource Not Found")
    expectProblem(await request(sb.app).get("/elsewhere"), 404, "Resource Not Found")
  })
})

describe("X-Trigger-Error", () => {
  it.each([
    ["404", 404, "Resource Not Found"],
    ["ResourceNotFound", 404, "Resource Not Found"],
    ["API Key Invalid", 401, "API Key Invalid"],
    ["TooManyRequests", 429, "Too Many Requests"],
    ["400", 400, "Bad Request"],
    ["InvalidResource", 400, "Invalid Resource"],
    ["503", 503, "Compliance Related"],
    ["500", 500, "Internal Server Error"],
  ])("%s answers %i %s", async (value, status, title) => {
    const res = await mc.get("/ping").set("X-Trigger-Error", value)
    expectProblem(res, status, title)
  })

  it("refuses a value it does not know", async () => {
    const res = await mc.get("/ping").set("X-Trigger-Error", "Nonsense")
    expectProblem(res, 400, "Bad Request")
    expect(res.body.detail).toContain("Nonsense")
  })
})
