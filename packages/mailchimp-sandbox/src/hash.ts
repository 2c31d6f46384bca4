import { createHash, randomBytes } from "crypto"

/** Mailchimp's subscriber hash: md5 of the lower-cased email address. */
export function memberHash(email: string): string {
  return createHash("md5").update(email.trim().toLowerCase()).digest("hex")
}

export function isSubscriberHash(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value)
}

// Random bytes drawn 4 KB at a time: one randomBytes call per id cost a batch operation more than its hashing.
const POOL_SIZE = 4096
let pool = randomBytes(POOL_SIZE)
let poolAt = 0

export function randomHex(chars: number): string {
  const n = Math.ceil(chars / 2)
  if (n > POOL_SIZE) return randomBytes(n).toString("hex").slice(0, chars)
  if (poolAt + n > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE)
    poolAt = 0
  }
  const out = pool.toString("hex", poolAt, poolAt + n).slice(0, chars)
  poolAt += n
  return out
}

export function randomUuid(): string {
  const h = randomHex(32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const EMAIL_RE = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/

export function isValidEmail(value: unknown): value is string {
  return typeof value === "string" && value.length <= 254 && EMAIL_RE.test(value.trim())
}
