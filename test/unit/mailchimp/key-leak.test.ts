import { STATUS_CODES } from "node:http"
import util from "node:util"
import { MailchimpClient, MailchimpError } from "../../../src/mailchimp"
import { closedPort, json, startServer, TEST_KEY, type TestServer } from "./test-server"

const KEY_SECRET = TEST_KEY.replace(/-us6$/, "")
const AUTH_TOKEN = Buffer.from(`anystring:${TEST_KEY}`).toString("base64")

function expectNoKey(err: unknown) {
  expect(err).toBeInstanceOf(Error)
  const e = err as Error
  const renderings = [
    JSON.stringify(err),
    JSON.stringify({ ...(err as object) }),
    e.message,
    String(e.stack),
    String(err),
    util.inspect(err),
    util.inspect(err, { showHidden: true, depth: Infinity }),
  ]
  for (const text of renderings) {
    expect(text).not.toContain(KEY_SECRET)
    expect(text).not.toContain(AUTH_TOKEN)
  }
}

async function caught(promise: Promise<unknown>): Promise<MailchimpError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(MailchimpError)
    return err as MailchimpError
  }
  throw new Error("expected the call to fail")
}

const ERROR_STATUSES = Object.keys(STATUS_CODES)
  .map(Number)
  .filter((status) => status >= 300 && status !== 304)

describe("the API key never appears in errors", () => {
  let server: TestServer
  let client: MailchimpClient

  beforeEach(async () => {
    server = await startServer()
    client = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl, timeoutMs: 150 })
  })

  afterEach(async () => {
    await client.close()
    await server.close()
  })

  it.each(ERROR_STATUSES)("status %i with a problem document echoing the key and auth header", async (status) => {
    server.handle((req, res) =>
      json(res, status, {
        type: `https://example.com/${TEST_KEY}`,
        title: `Bad key ${TEST_KEY}`,
        status,
        detail: `You sent ${req.headers.authorization} (${TEST_KEY})`,
        instance: KEY_SECRET,
        errors: [{ field: TEST_KEY, message: `${KEY_SECRET} ${AUTH_TOKEN}` }],
      })
    )
    const err = await caught(client.request("POST", "/lists/l1/members", { body: { email_address: "a@b.c" } }))
    expect(err.status).toBe(status)
    expectNoKey(err)
    expect(err.detail).toContain("[redacted]")
  })

  it("an address Mailchimp quotes in its answer is masked too: it would outlive an erasure in failed jobs and logs", async () => {
    server.handle((_req, res) =>
      json(res, 400, {
        title: "Invalid Resource",
        status: 400,
        detail: "Ada.Lovelace+news@Example.co.uk looks fake or invalid, please enter a real email address.",
        errors: [{ field: "email_address", message: "ada_l@example.com is already a list member." }],
      })
    )
    const err = await caught(client.request("POST", "/lists/l1/members", { body: { email_address: "a@b.c" } }))
    expect(err.detail).toBe("[address] looks fake or invalid, please enter a real email address.")
    expect(err.errors[0].message).toBe("[address] is already a list member.")
    expect(JSON.stringify(err) + err.message).not.toMatch(/lovelace|ada_l/i)
  })

  it.each(ERROR_STATUSES)("status %i without a body", async (status) => {
    server.handle((_req, res) => {
      res.writeHead(status)
      res.end()
    })
    const err = await caught(client.ping())
    expect(err.status).toBe(status)
    expectNoKey(err)
  })

  it("a non-JSON body echoing the key", async () => {
    server.handle((req, res) => {
      res.writeHead(502, { "content-type": "text/plain" })
      res.end(`upstream failed for ${req.headers.authorization} ${TEST_KEY}`)
    })
    expectNoKey(await caught(client.ping()))
  })

  it("a 2xx answer that is not JSON", async () => {
    server.handle((_req, res) => {
      res.writeHead(200)
      res.end(`not json ${TEST_KEY}`)
    })
    expectNoKey(await caught(client.ping()))
  })

  it("headers timeout", async () => {
    server.handle(() => undefined)
    const err = await caught(client.ping())
    expect(err.status).toBe(0)
    expectNoKey(err)
  })

  it("body timeout", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.write("{")
    })
    const err = await caught(client.ping())
    expect(err.code).toBe("UND_ERR_BODY_TIMEOUT")
    expectNoKey(err)
  })

  it("socket destroyed mid-request", async () => {
    server.handle((_req, res) => res.socket?.destroy())
    expectNoKey(await caught(client.ping()))
  })

  it("connection refused", async () => {
    const port = await closedPort()
    const offline = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: `http://127.0.0.1:${port}/3.0` })
    const err = await caught(offline.ping())
    expect(err.code).toBe("ECONNREFUSED")
    expectNoKey(err)
    await offline.close()
  })

  it("a request on a closed client", async () => {
    await client.close()
    const err = await caught(client.ping())
    expect(err.status).toBe(0)
    expectNoKey(err)
  })

  it("a key without data-centre suffix", () => {
    let err: unknown
    try {
      new MailchimpClient({ apiKey: KEY_SECRET })
    } catch (e) {
      err = e
    }
    expectNoKey(err)
  })

  it("the client object itself", () => {
    const rendered = [util.inspect(client, { showHidden: true, depth: Infinity }), JSON.stringify(client)]
    for (const text of rendered) {
      expect(text).not.toContain(KEY_SECRET)
      expect(text).not.toContain(AUTH_TOKEN)
    }
  })
})
