import type IORedis from "ioredis"

export type RedisFind = { where: string; text: string }

/** Every key of a Redis (the test's own), its name and its value whatever its type, searched for the needles. */
export async function scanRedis(redis: IORedis, needles: string[]): Promise<RedisFind[]> {
  const found: RedisFind[] = []
  let cursor = "0"
  do {
    const [next, keys] = await redis.scan(cursor, "COUNT", 500)
    cursor = next
    for (const key of keys) {
      const type = await redis.type(key)
      const value =
        type === "string" ? await redis.get(key)
        : type === "hash" ? JSON.stringify(await redis.hgetall(key))
        : type === "list" ? JSON.stringify(await redis.lrange(key, 0, -1))
        : type === "set" ? JSON.stringify(await redis.smembers(key))
        : type === "zset" ? JSON.stringify(await redis.zrange(key, 0, -1))
        : type === "stream" ? JSON.stringify(await redis.xrange(key, "-", "+"))
        : ""
      const text = `${key} ${value}`.toLowerCase()
      for (const n of needles) if (text.includes(n.toLowerCase())) found.push({ where: key, text: text.slice(0, 300) })
    }
  } while (cursor !== "0")
  return found
}
