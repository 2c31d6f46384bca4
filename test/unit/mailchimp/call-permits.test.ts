import IORedis from "ioredis"
import { MailchimpClient, MailchimpError } from "../../../src/mailchimp"
import { RedisCallPermits } from "../../../src/modules/mailchimp/queue-runtime/call-permits"
import { freePort, TestRedis } from "../../support/redis-server"
import { json, startServer, TEST_KEY, type TestServer } from "./test-server"

const KEY = "{mailchimp}:mailchimp:call-permits"
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe("connection permits in Redis", () => {
  let redis: TestRedis
  const connections: IORedis[] = []
  // As the queue's producer connection: commands fail at once while Redis is away.
  const connect = (opts: { offlineQueue?: boolean } = {}) => {
    const c = new IORedis(redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: opts.offlineQueue ?? false })
    c.on("error", () => {})
    connections.push(c)
    return c
  }

  beforeAll(async () => {
    redis = new TestRedis(await freePort())
    await redis.start()
  })
  afterEach(async () => {
    await connect({ offlineQueue: true }).del(KEY)
  })
  afterAll(async () => {
    for (const c of connections.splice(0)) c.disconnect()
    await redis.stop()
  })

  it("two processes' calls never hold more than the limit at once, and every call gets its turn", async () => {
    const processes = [new RedisCallPermits(connect(), KEY, 10), new RedisCallPermits(connect(), KEY, 10)]
    const watcher = connect({ offlineQueue: true })
    let held = 0
    let peak = 0
    let peakInRedis = 0
    const sampler = setInterval(() => void watcher.zcard(KEY).then((n) => (peakInRedis = Math.max(peakInRedis, n))), 2)
    const call = async (permits: RedisCallPermits) => {
      const release = await permits.acquire(60_000)
      held++
      peak = Math.max(peak, held)
      await sleep(15)
      held--
      release()
    }
    try {
      await Promise.all(Array.from({ length: 60 }, (_, i) => call(processes[i % 2])))
    } finally {
      clearInterval(sampler)
    }
    expect(peak).toBe(10)
    expect(peakInRedis).toBeLessThanOrEqual(10)
    await sleep(20)
    expect(await watcher.zcard(KEY)).toBe(0)
  })

  it("a permit a dead process never gave back is free again when its lease runs out", async () => {
    const dead = new RedisCallPermits(connect(), KEY, 1, 200)
    const alive = new RedisCallPermits(connect(), KEY, 1)
    await dead.acquire(100) // a 300 ms lease, never given back
    const started = Date.now()
    const release = await alive.acquire(60_000)
    const waited = Date.now() - started
    release()
    expect(waited).toBeGreaterThanOrEqual(250)
    expect(waited).toBeLessThan(5_000)
  })

  it("a permit given back passes to a call of the same process that waits for one", async () => {
    const permits = new RedisCallPermits(connect(), KEY, 1)
    const order: number[] = []
    await Promise.all(
      [1, 2, 3, 4].map(async (n) => {
        const release = await permits.acquire(60_000)
        order.push(n)
        await sleep(5)
        release()
      })
    )
    expect(order).toEqual([1, 2, 3, 4])
  })

  describe("in the client", () => {
    let server: TestServer
    let client: MailchimpClient | undefined
    afterEach(async () => {
      await client?.close()
      await server?.close()
    })

    it("a call holds a permit while in flight and gives it back after the answer", async () => {
      const watcher = connect({ offlineQueue: true })
      let inRedis = -1
      server = await startServer()
      server.handle(async (_req, res) => {
        inRedis = await watcher.zcard(KEY)
        json(res, 200, { health_status: "Everything's Chimpy!" })
      })
      client = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl, permits: new RedisCallPermits(connect(), KEY, 10) })
      await client.ping()
      expect(inRedis).toBe(1)
      await sleep(20)
      expect(await watcher.zcard(KEY)).toBe(0)
    })

    it("no permit to be had (Redis away) is a retryable error, and nothing is sent", async () => {
      server = await startServer()
      const away = new IORedis(`redis://127.0.0.1:${await freePort()}`, { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true })
      away.on("error", () => {})
      connections.push(away)
      client = new MailchimpClient({ apiKey: TEST_KEY, apiUrl: server.apiUrl, permits: new RedisCallPermits(away, KEY, 10) })
      const error = await client.ping().catch((e) => e)
      expect(error).toBeInstanceOf(MailchimpError)
      expect(error.retryable).toBe(true)
      expect(error.message).not.toContain(TEST_KEY)
      expect(server.requests).toHaveLength(0)
    })
  })
})
