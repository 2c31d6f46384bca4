import { createHash } from "crypto"
import http from "http"
import type { AddressInfo } from "net"
import request from "supertest"
import { createSandboxApp, SANDBOX_API_KEY, SANDBOX_AUDIENCE_ID, type SandboxApp, type SandboxOptions } from "../src"
import { mailchimpOpenApiPath } from "../src/openapi-path"

export const LIST = SANDBOX_AUDIENCE_ID
export const BASIC = `Basic ${Buffer.from(`anystring:${SANDBOX_API_KEY}`).toString("base64")}`

/** md5 of the lower-cased address, written here independently of the sandbox. */
export const hashOf = (email: string) => createHash("md5").update(email.toLowerCase()).digest("hex")

/**
 * Deliveries in these tests go to a receiver in the same process: on a loaded machine its answer can take longer
 * than Mailchimp's 10 s, which would turn a delivery into a scheduled retry that `idle()` does not wait for. No test
 * here is about the timeout itself.
 */
const TEST_WEBHOOK_TIMEOUT_MS = 60_000

/** Strict mode: every /3.0 request and answer checked against Mailchimp's API description. */
export function strictSandbox(options: SandboxOptions = {}): SandboxApp {
  return createSandboxApp({ openapiPath: mailchimpOpenApiPath(), webhookTimeoutMs: TEST_WEBHOOK_TIMEOUT_MS, ...options })
}

export function looseSandbox(options: SandboxOptions = {}): SandboxApp {
  return createSandboxApp({ openapiPath: "", webhookTimeoutMs: TEST_WEBHOOK_TIMEOUT_MS, ...options })
}

/** supertest against /3.0 with the sandbox key. */
export function api(sb: SandboxApp) {
  const agent = () => request(sb.app)
  return {
    get: (p: string) => agent().get(`/3.0${p}`).set("Authorization", BASIC),
    post: (p: string, body?: object) => agent().post(`/3.0${p}`).set("Authorization", BASIC).send(body),
    put: (p: string, body?: object) => agent().put(`/3.0${p}`).set("Authorization", BASIC).send(body),
    patch: (p: string, body?: object) => agent().patch(`/3.0${p}`).set("Authorization", BASIC).send(body),
    delete: (p: string) => agent().delete(`/3.0${p}`).set("Authorization", BASIC),
  }
}

/** supertest against /_sandbox (no auth). */
export function control(sb: SandboxApp) {
  const agent = () => request(sb.app)
  return {
    get: (p: string) => agent().get(`/_sandbox${p}`),
    post: (p: string, body?: object) => agent().post(`/_sandbox${p}`).send(body ?? {}),
    put: (p: string, body?: object) => agent().put(`/_sandbox${p}`).send(body ?? {}),
    patch: (p: string, body?: object) => agent().patch(`/_sandbox${p}`).send(body ?? {}),
    delete: (p: string) => agent().delete(`/_sandbox${p}`),
  }
}

export function expectProblem(res: request.Response, status: number, title: string): void {
  expect({ status: res.status, title: res.body.title }).toEqual({ status, title })
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/)
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title,
      status,
      detail: expect.any(String),
      instance: expect.any(String),
    })
  )
}

export interface Received {
  method: string
  headers: http.IncomingHttpHeaders
  raw: string
  form: URLSearchParams
}

/** A local webhook receiver: answers GET with `getStatus` and POST with the next of `postStatuses` (then 200). */
export interface Receiver {
  url: string
  received: Received[]
  posts(): Received[]
  getStatus: number
  postStatuses: number[]
  close(): Promise<void>
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    received: [],
    posts: () => receiver.received.filter((r) => r.method === "POST"),
    getStatus: 200,
    postStatuses: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8")
      receiver.received.push({ method: req.method!, headers: req.headers, raw, form: new URLSearchParams(raw) })
      res.statusCode = req.method === "GET" ? receiver.getStatus : receiver.postStatuses.shift() ?? 200
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/mailchimp`
  return receiver
}

/** What a store does with X-Mailchimp-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "{t}.{raw body}">. */
/** After each test of a strict-mode file: the sandbox never answered outside Mailchimp's description. */
export function expectNoResponseViolations(sb: SandboxApp): void {
  expect(sb.state.responseViolations).toEqual([])
}

export const STRICT_WARMUP_MS = 120_000
