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

/** Waits for a connection that is still being made (a producer fails fast while it is down, not before its first connect). */
export async function whenReady(connection: IORedis, timeoutMs: number): Promise<void> {
  if (connection.status === "ready") return
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer)
      connection.off("ready", done)
      resolve()
    }
    const timer = setTimeout(() => {
      connection.off("ready", done)
      reject(new Error("Redis is not ready"))
    }, timeoutMs)
    connection.once("ready", done)
  })
}
