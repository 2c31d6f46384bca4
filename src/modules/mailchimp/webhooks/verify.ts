import crypto from "crypto"

/** Compares two secrets in constant time, whatever their lengths. */
export function secretsEqual(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== "string") return false
  const a = crypto.createHash("sha256").update(given).digest()
  const b = crypto.createHash("sha256").update(expected).digest()
  return crypto.timingSafeEqual(a, b) && given.length === expected.length
}

/** Mailchimp sends no delivery id; the same event delivered twice has the same body. */
export function fingerprint(type: string, firedAt: Date, data: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify([type, firedAt.toISOString(), sortKeys(data)])).digest("hex")
}

function sortKeys(value: unknown): unknown {
  if (!value || typeof value !== "object") return value
  return Object.keys(value as object)
    .sort()
    .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])])
}
