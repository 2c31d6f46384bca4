import type IORedis from "ioredis"
import { whenReady } from "./redis-connection"

// A process's first signup waits this long for its new Redis connection.
const READY_TIMEOUT_MS = 2_000

export type RateLimitAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number }

// One hit in a fixed window: the first hit starts the window, later ones count within it. Atomic in Redis.
const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`

/**
 * Counts hits per key in Redis, so every server process sharing it counts together. Keys go under the
 * plugin's prefix (its braces keep them in the queue's Redis Cluster slot); callers pass keys that hold
 * no personal data (hashes).
 */
export class RedisRateLimit {
  constructor(protected readonly redis_: IORedis, protected readonly prefix_: string) {}

  async hit(key: string, max: number, windowMs: number): Promise<RateLimitAnswer> {
    if (max <= 0) return { allowed: true }
    await whenReady(this.redis_, READY_TIMEOUT_MS)
    const [count, ttl] = (await this.redis_.eval(HIT, 1, `${this.prefix_}:${key}`, windowMs)) as [number, number]
    return count <= max ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) }
  }
}
