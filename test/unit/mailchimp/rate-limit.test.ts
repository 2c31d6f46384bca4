import IORedis from "ioredis"
import { RedisRateLimit } from "../../../src/modules/mailchimp/queue-runtime/rate-limit"
import { createRedisConnection } from "../../../src/modules/mailchimp/queue-runtime/redis-connection"
import { freePort, TestRedis } from "../../support/redis-server"

describe("rate limits in Redis", () => {
  let redis: TestRedis
  const connections: IORedis[] = []
  // As the queue's producer does it.
  const connect = () => {
    const c = createRedisConnection(redis.url, "producer")
    connections.push(c)
    return c
  }
  // The test's own look into Redis: waits for its connection.
  const inspect = () => {
    const c = new IORedis(redis.url)
    connections.push(c)
    return c
  }

  beforeAll(async () => {
    redis = new TestRedis(await freePort())
    await redis.start()
  })
  afterAll(async () => {
    for (const c of connections.splice(0)) c.disconnect()
    await redis.stop()
  })

  it("a process's first hit waits for its new connection instead of failing (the first signup after boot is counted)", async () => {
    const limit = new RedisRateLimit(connect(), "{mailchimp}:rate-limit")
    expect(await limit.hit("first", 1, 60_000)).toEqual({ allowed: true })
    expect(await inspect().get("{mailchimp}:rate-limit:first")).toBe("1")
  })

  it("counts across processes in one fixed window; beyond the limit answers the seconds left", async () => {
    // Two processes: two connections, one count.
    const a = new RedisRateLimit(connect(), "{mailchimp}:rate-limit")
    const b = new RedisRateLimit(connect(), "{mailchimp}:rate-limit")
    expect(await a.hit("k1", 3, 60_000)).toEqual({ allowed: true })
    expect(await b.hit("k1", 3, 60_000)).toEqual({ allowed: true })
    expect(await a.hit("k1", 3, 60_000)).toEqual({ allowed: true })
    const refused = await b.hit("k1", 3, 60_000)
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) })
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(55)
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60)
    // Another key is counted apart; the key is under the prefix with the window as its TTL.
    expect(await a.hit("k2", 3, 60_000)).toEqual({ allowed: true })
    const ttl = await inspect().pttl("{mailchimp}:rate-limit:k1")
    expect(ttl).toBeGreaterThan(55_000)
  })

  it("the window ends: counting starts again", async () => {
    const limit = new RedisRateLimit(connect(), "{mailchimp}:rate-limit")
    expect(await limit.hit("short", 1, 300)).toEqual({ allowed: true })
    expect(await limit.hit("short", 1, 300)).toEqual({ allowed: false, retryAfterSeconds: 1 })
    await new Promise((r) => setTimeout(r, 400))
    expect(await limit.hit("short", 1, 300)).toEqual({ allowed: true })
  })

  it("a limit of 0 is no limit (and asks Redis nothing)", async () => {
    const limit = new RedisRateLimit(connect(), "{mailchimp}:rate-limit")
    for (let i = 0; i < 10; i++) expect(await limit.hit("off", 0, 60_000)).toEqual({ allowed: true })
    expect(await inspect().exists("{mailchimp}:rate-limit:off")).toBe(0)
  })
})
