import { MailchimpClient } from "../../../src/mailchimp"
import { json, startServer, TEST_KEY, type TestServer } from "./test-server"

/** Holds every request for a while and records the most sockets and requests open at once. */
async function holdingServer(holdMs: number) {
  const seen = { sockets: 0, maxSockets: 0, inFlight: 0, maxInFlight: 0 }
  const server = await startServer((http) => {
    http.on("connection", (socket) => {
      seen.sockets++
      seen.maxSockets = Math.max(seen.maxSockets, seen.sockets)
      socket.on("close", () => seen.sockets--)
    })
  })
  server.handle((_req, res) => {
    seen.inFlight++
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight)
    setTimeout(() => {
      seen.inFlight--
      json(res, 200, { health_status: "ok" })
    }, holdMs)
  })
  return { server, seen }
}

describe("connection cap", () => {
  let server: TestServer
  let client: MailchimpClient | undefined

  afterEach(async () => {
    await client?.close()
    await server.close()
  })

  it("30 concurrent calls never open more than the default 10 connections", async () => {
    const held = await holdingServer(100)
    server = held.server
    client = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl })
    const results = await Promise.all(Array.from({ length: 30 }, () => client!.ping()))
    expect(results).toHaveLength(30)
    expect(server.requests).toHaveLength(30)
    expect(held.seen.maxSockets).toBeLessThanOrEqual(10)
    expect(held.seen.maxInFlight).toBeLessThanOrEqual(10)
    expect(held.seen.maxSockets).toBeGreaterThan(1) // calls did run in parallel
  })

  it("honours a smaller maxConnections", async () => {
    const held = await holdingServer(50)
    server = held.server
    client = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl, maxConnections: 3 })
    await Promise.all(Array.from({ length: 30 }, () => client!.ping()))
    expect(server.requests).toHaveLength(30)
    expect(held.seen.maxSockets).toBeLessThanOrEqual(3)
    expect(held.seen.maxInFlight).toBeLessThanOrEqual(3)
  })
})
