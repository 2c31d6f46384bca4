import { createHash, randomBytes } from "crypto"

/** Mailchimp's subscriber hash: md5 of the lower-cased email address. */
export function memberHash(email: string): string {
  return createHash("md5").update(email.trim().toLowerCase()).digest("hex")
}

export function isSubscriberHash(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value)
}

export function randomHex(chars: number): string {
  return randomBytes(Math.ceil(chars / 2)).toString("hex").slice(0, chars)
}

export function randomUuid(): string {
  const h = randomHex(32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const EMAIL_RE = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/

export function isValidEmail(value: unknown): value is string {
  return typeof value === "string" && value.length <= 254 && EMAIL_RE.test(value.trim())
}
