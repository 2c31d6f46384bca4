import { MailchimpClient, MailchimpError } from "../../../src/mailchimp"
import { parseRetryAfter } from "../../../src/mailchimp/error-builders"
import { closedPort, json, startServer, TEST_KEY, type TestServer } from "./test-server"

const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}) => ({
  type: "https://mailchimp.com/developer/marketing/docs/errors/",
  title,
  status,
  detail,
  instance: "995c5cb0-3280-4a6e-808b-3b096d0bb219",
  ...extra,
})

async function failure(promise: Promise<unknown>): Promise<MailchimpError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(MailchimpError)
    return err as MailchimpError
  }
  throw new Error("expected the call to fail")
}

describe("MailchimpError from HTTP answers", () => {
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

  it("parses a 400 Invalid Resource with field errors", async () => {
    const fieldErrors = [
      { field: "email_address", message: "This value should not be blank." },
      { field: "", message: "Schema describes object, NULL found instead" },
    ]
    const body = problem(400, "Invalid Resource", "The resource submitted could not be validated.", { errors: fieldErrors })
    server.handle((_req, res) => json(res, 400, body, { "content-type": "application/problem+json" }))
    const err = await failure(client.request("POST", "/lists/l1/members", { body: {} }))
    expect(err).toBeInstanceOf(Error)
    expect(err.name).toBe("MailchimpError")
    expect(err).toMatchObject({
      status: 400,
      title: "Invalid Resource",
      detail: "The resource submitted could not be validated.",
      type: body.type,
      instance: body.instance,
      retryable: false,
      retryAfterMs: undefined,
      method: "POST",
      path: "/lists/l1/members",
    })
    expect(err.errors).toEqual(fieldErrors)
    expect(err.message).toBe(
      "Mailchimp 400 Invalid Resource: The resource submitted could not be validated. " +
        "(email_address: This value should not be blank.; Schema describes object, NULL found instead)"
    )
  })

  it("names no e-mail address: Mailchimp's words about a member lose it", async () => {
    const detail = "ann.lee+shop@example.co.uk is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed."
    const body = problem(400, "Member In Compliance State", detail, { errors: [{ field: "email_address", message: "ann.lee+shop@example.co.uk looks fake or invalid" }] })
    server.handle((_req, res) => json(res, 400, body, { "content-type": "application/problem+json" }))
    const err = await failure(client.request("PUT", "/lists/l1/members/abc", { body: {} }))
    expect(err.detail).toBe("[address] is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.")
    expect(err.errors).toEqual([{ field: "email_address", message: "[address] looks fake or invalid" }])
    expect(JSON.stringify(err) + err.message).not.toContain("@")
  })

  it("401 and 404 are not retryable", async () => {
    server.handle((_req, res) => json(res, 401, problem(401, "API Key Invalid", "Your API key may be invalid.")))
    const unauthorised = await failure(client.ping())
    expect(unauthorised).toMatchObject({ status: 401, title: "API Key Invalid", retryable: false })
    expect(unauthorised.message).toBe("Mailchimp 401 API Key Invalid: Your API key may be invalid.")

    server.handle((_req, res) => json(res, 404, problem(404, "Resource Not Found", "The requested resource could not be found.")))
    const missing = await failure(client.request("GET", "/lists/nope"))
    expect(missing).toMatchObject({ status: 404, title: "Resource Not Found", retryable: false, errors: [] })
  })

  it("429 carries Retry-After in milliseconds and is retryable", async () => {
    server.handle((_req, res) =>
      json(res, 429, problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections."), {
        "retry-after": "7",
      })
    )
    const err = await failure(client.ping())
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 })
  })

  it("429 without a body is retryable too", async () => {
    server.handle((_req, res) => {
      res.writeHead(429)
      res.end()
    })
    const err = await failure(client.ping())
    expect(err).toMatchObject({ status: 429, title: "Too Many Requests", detail: "empty response body", retryable: true })
  })

  it("5xx answers are retryable, with or without a problem document", async () => {
    server.handle((_req, res) => json(res, 500, problem(500, "Internal Server Error", "An unexpected error occurred.")))
    expect(await failure(client.ping())).toMatchObject({ status: 500, title: "Internal Server Error", retryable: true })

    server.handle((_req, res) => {
      res.writeHead(503, { "content-type": "text/html", "retry-after": "120" })
      res.end("<html>Service Unavailable</html>")
    })
    expect(await failure(client.ping())).toMatchObject({
      status: 503,
      title: "Service Unavailable",
      detail: "response body is not JSON",
      retryable: true,
      retryAfterMs: 120_000,
    })
  })

  it("a 403 without a body is Mailchimp under load: retryable", async () => {
    server.handle((_req, res) => {
      res.writeHead(403)
      res.end()
    })
    const err = await failure(client.ping())
    expect(err).toMatchObject({ status: 403, title: "Forbidden", detail: "empty response body", retryable: true })
    expect(err.message).toBe("Mailchimp 403 Forbidden: empty response body")
  })

  it("a 403 with a problem document is a real refusal: not retryable", async () => {
    server.handle((_req, res) =>
      json(res, 403, problem(403, "User Disabled", "This account has been disabled."))
    )
    const err = await failure(client.ping())
    expect(err).toMatchObject({ status: 403, title: "User Disabled", retryable: false })
  })

  it("a 2xx answer that is not JSON is an error", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" })
      res.end("<html>maintenance</html>")
    })
    const err = await failure(client.ping())
    expect(err).toMatchObject({ status: 200, title: "Invalid Response", retryable: true })
  })

  it("times out with status 0 when no headers arrive within timeoutMs", async () => {
    const slow = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl, timeoutMs: 200 })
    server.handle(() => undefined) // never answers
    const started = Date.now()
    const err = await failure(slow.ping())
    expect(Date.now() - started).toBeLessThan(5000)
    expect(err).toMatchObject({ status: 0, title: "Timeout", code: "UND_ERR_HEADERS_TIMEOUT", retryable: true })
    expect(err.message).toBe("Mailchimp 0 Timeout: no response headers within the timeout (200 ms)")
    await slow.close()
  })

  it("times out when the body stalls", async () => {
    const slow = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl, timeoutMs: 200 })
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" })
      res.write('{"health_status":')
    })
    const err = await failure(slow.ping())
    expect(err).toMatchObject({ status: 0, title: "Timeout", code: "UND_ERR_BODY_TIMEOUT", retryable: true })
    await slow.close()
  })

  it("a per-call timeoutMs overrides the client's", async () => {
    server.handle(() => undefined)
    const err = await failure(client.request("GET", "/ping", { timeoutMs: 150 }))
    expect(err).toMatchObject({ status: 0, title: "Timeout", retryable: true })
    expect(err.detail).toContain("150 ms")
  })

  it("connection refused is a retryable network error with status 0", async () => {
    const port = await closedPort()
    const offline = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: `http://127.0.0.1:${port}/3.0` })
    const err = await failure(offline.ping())
    expect(err).toMatchObject({
      status: 0,
      title: "Network Error",
      detail: "connection refused",
      code: "ECONNREFUSED",
      retryable: true,
    })
    expect(err.message).toBe("Mailchimp 0 Network Error: connection refused")
    await offline.close()
  })

  it("a socket closed mid-answer is a retryable network error", async () => {
    server.handle((_req, res) => res.socket?.destroy())
    const err = await failure(client.ping())
    expect(err).toMatchObject({ status: 0, title: "Network Error", retryable: true })
  })

  it("a request undici refuses before sending is not retryable", async () => {
    const err = await failure(client.request("GET", "/lists/a b"))
    expect(err).toMatchObject({ status: 0, title: "Invalid Request", code: "UND_ERR_INVALID_ARG", retryable: false })
    expect(server.requests).toHaveLength(0)
  })

  it("serialises to JSON with its message", async () => {
    server.handle((_req, res) => json(res, 404, problem(404, "Resource Not Found", "Nope.")))
    const err = await failure(client.ping())
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({
      name: "MailchimpError",
      message: "Mailchimp 404 Resource Not Found: Nope.",
      status: 404,
      retryable: false,
    })
  })
})

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2024-05-01T10:00:00Z")
    expect(parseRetryAfter("0", now)).toBe(0)
    expect(parseRetryAfter("30", now)).toBe(30_000)
    expect(parseRetryAfter("1.5", now)).toBe(1500)
    expect(parseRetryAfter("Wed, 01 May 2024 10:00:10 GMT", now)).toBe(10_000)
    expect(parseRetryAfter("Wed, 01 May 2024 09:00:00 GMT", now)).toBe(0)
    expect(parseRetryAfter(["5"], now)).toBe(5000)
  })

  it("ignores missing and unreadable values", () => {
    expect(parseRetryAfter(undefined)).toBeUndefined()
    expect(parseRetryAfter("")).toBeUndefined()
    expect(parseRetryAfter("soon")).toBeUndefined()
    expect(parseRetryAfter("-3")).toBeUndefined()
  })
})
