import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * The signed, expiring token in a cart's recovery link (`checkout_url`). Signed with a key derived from the
 * plugin's evidence key (never that key itself), so only the server makes one; it names the cart and when it
 * expires, and is the same for every write of one cart (a write whose body did not change is skipped).
 */
const VERSION = "v1"

export function recoveryKey(evidenceKey: Buffer): Buffer {
  return createHmac("sha256", evidenceKey).update("medusa-mailchimp:cart-recovery").digest()
}

function signature(key: Buffer, cartId: string, expiresAt: number): string {
  return createHmac("sha256", key).update(`${VERSION}.${cartId}.${expiresAt}`).digest("base64url")
}

/** `expiresAt` in seconds since the epoch. */
export function makeRecoveryToken(key: Buffer, cartId: string, expiresAt: number): string {
  return `${VERSION}.${cartId}.${expiresAt}.${signature(key, cartId, expiresAt)}`
}

export type RecoveryTokenCheck = { ok: true; cart_id: string } | { ok: false; reason: "invalid" | "expired" }

/** A token's cart, when the server signed it and it has not expired. */
export function readRecoveryToken(key: Buffer, token: string, now = Date.now()): RecoveryTokenCheck {
  const parts = token.split(".")
  if (parts.length !== 4 || parts[0] !== VERSION || !/^\d{1,12}$/.test(parts[2])) return { ok: false, reason: "invalid" }
  const [, cartId, exp, sig] = parts
  const expected = Buffer.from(signature(key, cartId, Number(exp)))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" }
  if (Number(exp) * 1000 <= now) return { ok: false, reason: "expired" }
  return { ok: true, cart_id: cartId }
}

/** The link: the template's `{token}` replaced; by default the storefront's /cart/recover page. */
export function recoveryUrl(template: string | undefined, storefrontUrl: string | undefined, token: string): string | undefined {
  const t = template ?? (storefrontUrl ? `${storefrontUrl.replace(/\/+$/, "")}/cart/recover?token={token}` : undefined)
  return t?.replace("{token}", encodeURIComponent(token))
}
