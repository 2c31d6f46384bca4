import IORedis, { RedisOptions } from "ioredis"

/**
 * The producer side fails fast when Redis is away (the row in Postgres stays pending and
 * the reconciler enqueues it later); the worker side waits for Redis forever, as BullMQ asks.
 */
export function createRedisConnection(url: string, role: "producer" | "worker"): IORedis {
  const common: RedisOptions = {
    maxRetriesPerRequest: role === "worker" ? null : 1,
    enableOfflineQueue: role === "worker",
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  }
  const connection = new IORedis(url, common)
  // ioredis emits "error" on every failed reconnect; without a listener it would crash the process.
  connection.on("error", () => {})
  return connection
}
