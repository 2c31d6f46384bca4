import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import connectionsLoader from "../../../src/modules/mailchimp/loaders/connections"
import type { MailchimpConnections } from "../../../src/modules/mailchimp/loaders/connections"
import { whenReady } from "../../../src/modules/mailchimp/queue-runtime/redis-connection"
import { freePort, TestRedis } from "../../support/redis-server"

const logger = { info() {}, warn() {}, error() {}, debug() {} } as any

// The module's connections are built once by its loader and injected (docs/architecture.md), as Medusa's
// event-bus-redis does; the service builds none of them itself.
describe("the mailchimp module's connections loader", () => {
  let redis: TestRedis
  const built: MailchimpConnections[] = []

  beforeAll(async () => {
    redis = new TestRedis(await freePort())
    await redis.start()
  })
  afterAll(async () => {
    for (const c of built.splice(0)) await c.mailchimpQueue.close()
    await redis.stop()
  })

  async function load(options: Record<string, unknown>, projectRedisUrl?: string): Promise<MailchimpConnections> {
    const container = createMedusaContainer()
    container.register("configModule", asValue({ projectConfig: { redisUrl: projectRedisUrl } }))
    await connectionsLoader({ container, options, logger } as any)
    const connections = {
      mailchimpRedisConnection: container.resolve("mailchimpRedisConnection"),
      mailchimpCallPermits: container.resolve("mailchimpCallPermits"),
      mailchimpRateLimit: container.resolve("mailchimpRateLimit"),
      mailchimpClient: container.resolve("mailchimpClient"),
      mailchimpQueue: container.resolve("mailchimpQueue"),
    } as MailchimpConnections
    built.push(connections)
    return connections
  }

  const base = { apiKey: "0123456789abcdef0123456789abcdef-us6", audienceId: "list1", apiUrl: "http://127.0.0.1:9/3.0" }

  it("registers one producer connection that the permits, the rate limit and the queue share; no worker", async () => {
    const c = await load({ ...base, redisUrl: redis.url, queuePrefix: "{mc-loader}" })
    const queue = c.mailchimpQueue
    expect(queue.callPermits()).toBe(c.mailchimpCallPermits)
    expect(queue.rateLimit()).toBe(c.mailchimpRateLimit)
    expect((c.mailchimpCallPermits as any).redis_).toBe(c.mailchimpRedisConnection)
    expect((c.mailchimpRateLimit as any).redis_).toBe(c.mailchimpRedisConnection)
    expect(queue.isWorkerRunning()).toBe(false)
    expect(c.mailchimpClient.apiUrl).toBe("http://127.0.0.1:9/3.0")
  })

  it("keeps every key under the queue prefix (one Redis Cluster slot)", async () => {
    const c = await load({ ...base, redisUrl: redis.url, queuePrefix: "{mc-slot}" })
    expect((c.mailchimpCallPermits as any).key_).toBe("{mc-slot}:mailchimp:call-permits")
    await c.mailchimpRateLimit.hit("probe", 5, 60_000)
    expect(await c.mailchimpRedisConnection.exists("{mc-slot}:rate-limit:probe")).toBe(1)
  })

  it("falls back to the project's redisUrl when the options name none", async () => {
    const c = await load(base, redis.url)
    // The producer fails fast before its first connect: wait for it, as the rate limit and the permits do.
    await whenReady(c.mailchimpRedisConnection, 2_000)
    expect(await c.mailchimpRedisConnection.ping()).toBe("PONG")
  })
})
