import request from "supertest"
import { api, expectNoResponseViolations, expectProblem, hashOf, LIST, STRICT_WARMUP_MS, strictSandbox } from "./helpers"

const sb = strictSandbox()
const mc = api(sb)

beforeAll(() => sb.warmUp(), STRICT_WARMUP_MS)
beforeEach(() => sb.state.reset())
afterEach(async () => {
  await sb.idle()
  expectNoResponseViolations(sb)
})
afterAll(() => sb.close())

const events = (email: string) => `/lists/${LIST}/members/${hashOf(email)}/events`

describe("member events", () => {
  it("adds an event to a member (204) and lists it with its properties, newest first", async () => {
    await mc.post(`/lists/${LIST}/members`, { email_address: "ada@example.com", status: "subscribed" })
    const first = await mc.post(events("ada@example.com"), { name: "order_shipped", properties: { order_id: "o1", tracking_url: "https://t.example/1" } })
    expect(first.status).toBe(204)
    expect(first.text).toBe("")
    await mc.post(events("ada@example.com"), { name: "order_delivered", occurred_at: "2026-12-01T10:00:00+00:00", is_syncing: true })
    const list = await mc.get(events("ada@example.com"))
    expect(list.status).toBe(200)
    expect(list.body.total_items).toBe(2)
    expect(list.body.events).toEqual([
      { name: "order_delivered", occurred_at: "2026-12-01T10:00:00+00:00", properties: {} },
      { name: "order_shipped", occurred_at: expect.any(String), properties: { order_id: "o1", tracking_url: "https://t.example/1" } },
    ])
  })

  it("has no idempotency key: the same body twice is two events", async () => {
    await mc.post(`/lists/${LIST}/members`, { email_address: "bo@example.com", status: "transactional" })
    const body = { name: "first_order", properties: { order_id: "o1" } }
    expect((await mc.post(events("bo@example.com"), body)).status).toBe(204)
    expect((await mc.post(events("bo@example.com"), body)).status).toBe(204)
    expect((await mc.get(events("bo@example.com"))).body.total_items).toBe(2)
  })

  it("refuses a contact the audience lacks (404) and never creates it", async () => {
    const res = await mc.post(events("nobody@example.com"), { name: "order_placed" })
    expectProblem(res, 404, "Resource Not Found")
    expect((await mc.get(`/lists/${LIST}/members/${hashOf("nobody@example.com")}`)).status).toBe(404)
  })

  it("refuses names outside 2-30 letters, digits, _ and -, and properties that are not strings", async () => {
    await mc.post(`/lists/${LIST}/members`, { email_address: "cy@example.com", status: "subscribed" })
    for (const name of ["x", "a".repeat(31), "order placed", "order.placed"]) {
      const res = await mc.post(events("cy@example.com"), { name })
      expectProblem(res, 400, "Invalid Resource")
      expect(res.body.errors[0].field).toBe("name")
    }
    expect((await mc.post(events("cy@example.com"), { name: "a".repeat(30) })).status).toBe(204)
    expect((await mc.post(events("cy@example.com"), { name: "ok-2_x" })).status).toBe(204)
    // strict mode: the description says properties are strings
    expect((await mc.post(events("cy@example.com"), { name: "spent", properties: { total: 10 } })).status).toBe(400)
    expect((await mc.get(events("cy@example.com"))).body.total_items).toBe(2)
  })
})

describe("connected sites", () => {
  it("a store made with a domain gets a connected site with its script; a store whose domain has a site already does not", async () => {
    const store = await mc.post("/ecommerce/stores", { id: "s1", list_id: LIST, name: "Shop", currency_code: "EUR", domain: "shop.example.com" })
    expect(store.status).toBe(200)
    const site = store.body.connected_site
    expect(site).toEqual({ site_foreign_id: expect.any(String), site_script: { url: expect.stringMatching(/^http:\/\/.+\/mcjs-connected\/js\/users\/\w+\/\w+\.js$/), fragment: expect.stringContaining('<script id="mcjs">') } })
    const read = await mc.get(`/connected-sites/${site.site_foreign_id}`)
    expect(read.body).toEqual(expect.objectContaining({ foreign_id: site.site_foreign_id, store_id: "s1", domain: "shop.example.com" }))
    // supertest listens on a new port per request: compare the script's path
    expect(new URL(read.body.site_script.url).pathname).toBe(new URL(site.site_script.url).pathname)
    await mc.post("/connected-sites", { foreign_id: "www", domain: "www.example.com" })
    const second = await mc.post("/ecommerce/stores", { id: "s2", list_id: LIST, name: "Shop 2", currency_code: "EUR", domain: "www.example.com" })
    expect(second.status).toBe(200)
    expect(second.body.connected_site).toBeUndefined()
    const bare = await mc.post("/ecommerce/stores", { id: "s3", list_id: LIST, name: "Shop 3", currency_code: "EUR" })
    expect(bare.body.connected_site).toBeUndefined()
  })

  it("creates, lists and gets a site; a taken foreign_id is refused; an unknown one is 404", async () => {
    const made = await mc.post("/connected-sites", { foreign_id: "storefront", domain: "www.example.com" })
    expect(made.status).toBe(200)
    expect(made.body).toEqual(expect.objectContaining({ foreign_id: "storefront", domain: "www.example.com", store_id: "" }))
    expectProblem(await mc.post("/connected-sites", { foreign_id: "storefront", domain: "www.example.com" }), 400, "Invalid Resource")
    expect((await mc.post("/connected-sites", { foreign_id: "x" })).status).toBe(400)
    const all = await mc.get("/connected-sites")
    expect(all.body.total_items).toBe(1)
    expect(new URL(all.body.sites[0].site_script.url).pathname).toBe(new URL(made.body.site_script.url).pathname)
    expectProblem(await mc.get("/connected-sites/nope"), 404, "Resource Not Found")
  })

  it("serves the script at its URL; verify answers 204 once the script was loaded", async () => {
    const made = await mc.post("/connected-sites", { foreign_id: "storefront", domain: "www.example.com" })
    const verify = () => mc.post("/connected-sites/storefront/actions/verify-script-installation")
    expect((await verify()).status).toBe(400)
    const script = await request(sb.app).get(new URL(made.body.site_script.url).pathname)
    expect(script.status).toBe(200)
    expect(script.headers["content-type"]).toMatch(/javascript/)
    expect((await verify()).status).toBe(204)
  })
})
