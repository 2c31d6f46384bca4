import { randomUUID } from "node:crypto"
import type IORedis from "ioredis"
import type { CallPermits } from "../../../mailchimp"
import { whenReady } from "./redis-connection"

// Leases are stamped with Redis's clock, so processes whose clocks differ still agree.
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`

/** KEYS[1] holders; ARGV limit, lease ms, token. 1 when the permit is taken. */
const TAKE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1`

/** KEYS[1] holders; ARGV lease ms, token. A held permit gets a new lease (it passes to another call); 0 when it ran out. */
const RENEW = `if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
${NOW}
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1`

const POLL_MS = 20
const READY_TIMEOUT_MS = 2_000
// A lease outlasts the call it serves by this much: only a process that died keeps a permit longer.
const LEASE_MARGIN_MS = 30_000
// A permit passes to the next call without a word to Redis while its lease covers that call's time and this much.
const HANDOFF_MARGIN_MS = 5_000

type Waiter = { callMs: number; resolve: (token: string) => void; reject: (e: unknown) => void }

/**
 * Mailchimp allows `limit` simultaneous connections per account. Every call, in any process, holds
 * one of `limit` permits kept in Redis while it is in flight, and only then: the queue's jobs do
 * their database work without one, so the connections stay busy with calls. A permit is a lease
 * (a process that dies frees its permits when their lease runs out). A call that finds none free
 * waits; a permit given back while a call of the same process waits passes straight to it, so
 * under load a call costs no round trip to Redis at all.
 */
export class RedisCallPermits implements CallPermits {
  protected waiters_: Waiter[] = []
  protected taking_ = false
  protected wake_?: () => void
  /** When each permit this process holds runs out at the latest, by this process's clock. */
  protected leases_ = new Map<string, number>()

  constructor(
    protected readonly redis_: IORedis,
    protected readonly key_: string,
    protected readonly limit_: number,
    protected readonly leaseMarginMs_ = LEASE_MARGIN_MS
  ) {}

  async acquire(callMs: number): Promise<() => void> {
    const token = await new Promise<string>((resolve, reject) => {
      this.waiters_.push({ callMs, resolve, reject })
      void this.take()
    })
    let released = false
    return () => {
      if (released) return
      released = true
      void this.giveBack(token)
    }
  }

  /** Takes permits for the waiting calls, first come first served, until none waits. */
  protected async take(): Promise<void> {
    if (this.taking_) return
    this.taking_ = true
    try {
      let waiter: Waiter | undefined
      while ((waiter = this.waiters_.shift())) {
        const token = randomUUID()
        try {
          await this.ready()
        } catch (e) {
          waiter.reject(e)
          continue
        }
        const leaseMs = waiter.callMs + this.leaseMarginMs_
        const sentAt = Date.now()
        let taken: unknown
        try {
          taken = await this.redis_.eval(TAKE, 1, this.key_, this.limit_, leaseMs, token)
        } catch (e) {
          waiter.reject(e)
          continue
        }
        if (taken === 1) {
          this.leases_.set(token, sentAt + leaseMs)
          waiter.resolve(token)
          continue
        }
        this.waiters_.unshift(waiter)
        // All taken: wait for one of this process's calls to give one back, or another process's.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, POLL_MS)
          this.wake_ = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        this.wake_ = undefined
      }
    } finally {
      this.taking_ = false
    }
  }

  /** The connection fails fast while it is down (the call is retried later), but a new one is waited for. */
  protected ready(): Promise<void> {
    return whenReady(this.redis_, READY_TIMEOUT_MS)
  }

  protected async giveBack(token: string): Promise<void> {
    const next = this.waiters_[0]
    if (next && (await this.coversNext(token, next)) && this.waiters_[0] === next) {
      // (The waiter may have been served while the lease was renewed: then the permit goes back after all.)
      this.waiters_.shift()
      next.resolve(token)
      return
    }
    this.leases_.delete(token)
    // A permit that cannot be given back (Redis away) runs out with its lease.
    await this.redis_.zrem(this.key_, token).catch(() => undefined)
    this.wake_?.()
  }

  /** Whether the permit's lease covers the next call, renewed in Redis when it runs short. */
  protected async coversNext(token: string, next: Waiter): Promise<boolean> {
    if ((this.leases_.get(token) ?? 0) - Date.now() >= next.callMs + HANDOFF_MARGIN_MS) return true
    const leaseMs = next.callMs + this.leaseMarginMs_
    const sentAt = Date.now()
    const renewed = await this.redis_.eval(RENEW, 1, this.key_, leaseMs, token).catch(() => 0)
    if (renewed !== 1) return false
    this.leases_.set(token, sentAt + leaseMs)
    return true
  }
}
