import crypto from "crypto"

/** Compares two secrets in constant time, whatever their lengths. */
export function secretsEqual(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== "string") return false
  const a = crypto.createHash("sha256").update(given).digest()
  const b = crypto.createHash("sha256").update(expected).digest()
  return crypto.timingSafeEqual(a, b) && given.length === expected.length
}

export const SIGNATURE_TOLERANCE_S = 5 * 60

export type SignatureCheck = { ok: true } | { ok: false; reason: string }

/**
 * `X-Mailchimp-Signature: t=<unix>,v1=<hex>`: HMAC-SHA256 of "{t}.{raw body}" with the
 * webhook's signing secret; deliveries older than five minutes are refused.
 */
export function verifySignature(header: string | undefined, rawBody: Buffer, secret: string, now = Date.now()): SignatureCheck {
  if (!header) return { ok: false, reason: "signature missing" }
  const parts = Object.fromEntries(
    header.split(",").map((p) => {
      const i = p.indexOf("=")
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()]
    })
  )
  const t = Number(parts.t)
  if (!Number.isInteger(t) || !/^[0-9a-f]+$/i.test(parts.v1 ?? "")) return { ok: false, reason: "signature malformed" }
  if (Math.abs(now / 1000 - t) > SIGNATURE_TOLERANCE_S) return { ok: false, reason: "signature too old" }
  const expected = crypto.createHmac("sha256", secret).update(`${t}.`).update(rawBody).digest()
  const given = Buffer.from(parts.v1, "hex")
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, reason: "signature mismatch" }
  }
  return { ok: true }
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
