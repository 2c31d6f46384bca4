import { MailchimpClient } from "../../../src/mailchimp"
import { json, startServer, TEST_KEY, type TestServer } from "./test-server"

describe("MailchimpClient transport", () => {
  let server: TestServer
  let client: MailchimpClient

  beforeEach(async () => {
    server = await startServer()
    client = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl })
  })

  afterEach(async () => {
    await client.close()
    await server.close()
  })

  it("derives the base URL from the key's data centre", async () => {
    const c = new MailchimpClient({ apiKey: "abc123abc123abc123abc123abc123ab-us21" })
    expect(c.apiUrl).toBe("https://us21.api.mailchimp.com/3.0")
    await c.close()
    const upper = new MailchimpClient({ apiKey: "abc123abc123abc123abc123abc123ab-US6" })
    expect(upper.apiUrl).toBe("https://us6.api.mailchimp.com/3.0")
    await upper.close()
  })

  it("sends every call to apiUrl when given, keeping its /3.0 prefix", async () => {
    expect(client.apiUrl).toBe(server.apiUrl)
    await client.request("GET", "/lists/abc")
    expect(server.requests[0].url).toBe("/3.0/lists/abc")

    const slash = new MailchimpClient({ apiKey: "no-suffix-needed", apiUrl: `${server.apiUrl}/` })
    await slash.request("GET", "/ping")
    expect(server.requests[1].url).toBe("/3.0/ping")
    await slash.close()
  })

  it("authenticates with HTTP Basic anystring:<key> and asks for JSON", async () => {
    await client.ping()
    const { headers } = server.requests[0]
    const [scheme, token] = String(headers.authorization).split(" ")
    expect(scheme).toBe("Basic")
    expect(Buffer.from(token, "base64").toString()).toBe(`anystring:${TEST_KEY}`)
    expect(headers.accept).toBe("application/json")
    expect(headers["user-agent"]).toBe("medusa-mailchimp")
    expect(headers["content-type"]).toBeUndefined()
  })

  it("uses a custom user agent", async () => {
    const c = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl, userAgent: "shop/1.2" })
    await c.ping()
    expect(server.requests[0].headers["user-agent"]).toBe("shop/1.2")
    await c.close()
  })

  it("encodes the query: arrays comma-joined, booleans and numbers as text, undefined dropped", async () => {
    await client.request("GET", "/lists", {
      query: {
        fields: ["lists.id", "lists.name"],
        count: 1000,
        offset: 0,
        has_ecommerce_store: false,
        email: "ann+news@example.com",
        since_date_created: "2024-01-01T00:00:00+00:00",
        sort_dir: undefined,
      },
    })
    const url = new URL(server.requests[0].url, server.origin)
    expect(url.pathname).toBe("/3.0/lists")
    expect(Object.fromEntries(url.searchParams)).toEqual({
      fields: "lists.id,lists.name",
      count: "1000",
      offset: "0",
      has_ecommerce_store: "false",
      email: "ann+news@example.com",
      since_date_created: "2024-01-01T00:00:00+00:00",
    })
    expect(server.requests[0].url).toContain("email=ann%2Bnews%40example.com")
  })

  it("sends no query string when every value is undefined", async () => {
    await client.request("GET", "/lists", { query: { count: undefined } })
    expect(server.requests[0].url).toBe("/3.0/lists")
  })

  it("sends JSON bodies and parses JSON answers", async () => {
    server.handle((req, res) => json(res, 200, { echoed: JSON.parse(req.body) }))
    const body = { email_address: "ann@example.com", merge_fields: { FNAME: "Ånn" }, tags: ["a"] }
    const out = await client.request<{ echoed: unknown }>("POST", "/lists/l1/members", { body })
    expect(out).toEqual({ echoed: body })
    expect(server.requests[0].method).toBe("POST")
    expect(server.requests[0].headers["content-type"]).toBe("application/json")
    expect(JSON.parse(server.requests[0].body)).toEqual(body)
  })

  it("resolves 204 and empty 200 answers to undefined", async () => {
    server.handle((_req, res) => {
      res.writeHead(204)
      res.end()
    })
    await expect(client.request("DELETE", "/lists/l1/members/x")).resolves.toBeUndefined()
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.end("")
    })
    await expect(client.request("POST", "/campaigns/c1/actions/send")).resolves.toBeUndefined()
  })

  it("pings", async () => {
    server.handle((_req, res) => json(res, 200, { health_status: "Everything's Chimpy!" }))
    await expect(client.ping()).resolves.toEqual({ health_status: "Everything's Chimpy!" })
    expect(server.requests[0]).toMatchObject({ method: "GET", url: "/3.0/ping" })
  })

  it("rejects paths that are not absolute", async () => {
    await expect(client.request("GET", "lists")).rejects.toThrow(TypeError)
    expect(server.requests).toHaveLength(0)
  })

  it("close() can be called twice", async () => {
    await client.close()
    await expect(client.close()).resolves.toBeUndefined()
  })

  it("refuses a key without data-centre suffix when there is no apiUrl, without echoing the key", () => {
    const key = "0123456789abcdef0123456789abcdef"
    let caught: unknown
    try {
      new MailchimpClient({ apiKey: key })
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(Error)
    expect((caught as Error).message).toMatch(/data-centre suffix/)
    expect((caught as Error).message).not.toContain(key)
    expect(String((caught as Error).stack)).not.toContain(key)
  })

  it("refuses an empty key, a bad apiUrl and bad limits", () => {
    expect(() => new MailchimpClient({ apiKey: "" })).toThrow(/missing/)
    expect(() => new MailchimpClient({ apiKey: TEST_KEY, apiUrl: "not a url" })).toThrow(/apiUrl/)
    expect(() => new MailchimpClient({ apiKey: TEST_KEY, apiUrl: "ftp://x/3.0" })).toThrow(/apiUrl/)
    expect(() => new MailchimpClient({ apiKey: TEST_KEY, maxConnections: 0 })).toThrow(RangeError)
    expect(() => new MailchimpClient({ apiKey: TEST_KEY, timeoutMs: -1 })).toThrow(RangeError)
  })
})
