import { createHmac, timingSafeEqual } from "node:crypto"
import type { OptInExtras } from "./audience/opt-in-offer"

/** Where a cart (and the order made from it) carries the shopper's newsletter choice. */
export const NEWSLETTER_METADATA_KEY = "mailchimp_newsletter"

export type NewsletterChoice = {
  opt_in: boolean
  // The evidence: when, from where, and the exact text shown beside the box.
  at: string
  ip: string | null
  user_agent: string | null
  label: string
  // What the shopper chose beside the box, named as the server showed it (absent: nothing offered or chosen).
  interests?: OptInExtras["interests"]
  marketing_permissions?: OptInExtras["marketing_permissions"]
}

/** What the plugin stores in the metadata: the choice and its seal (an HMAC only the server can make). */
export type SealedNewsletterChoice = NewsletterChoice & { seal: string }

const SEAL_VERSION = "v1"

/**
 * The key that seals choices: the merchant's `evidenceSecret`, else one derived from Medusa's
 * cookieSecret (never the secret itself, so the two uses cannot be confused).
 */
export function evidenceKey(evidenceSecret: string | undefined, cookieSecret: string | undefined): Buffer {
  const secret = evidenceSecret ?? cookieSecret
  if (!secret) {
    throw new Error(
      "medusa-mailchimp: invalid plugin options: evidenceSecret: required when projectConfig.http.cookieSecret is not set"
    )
  }
  return createHmac("sha256", secret).update("medusa-mailchimp:newsletter-evidence").digest()
}

function sealOf(choice: NewsletterChoice, key: Buffer): string {
  const fields: unknown[] = [SEAL_VERSION, choice.opt_in, choice.at, choice.ip, choice.user_agent, choice.label]
  // Sealed only when present, so that choices sealed before interests existed still verify.
  if (choice.interests || choice.marketing_permissions) fields.push(choice.interests ?? [], choice.marketing_permissions ?? [])
  return `${SEAL_VERSION}.${createHmac("sha256", key).update(JSON.stringify(fields)).digest("base64url")}`
}

/** The choice as the plugin writes it into cart metadata. */
export function sealNewsletterChoice(choice: NewsletterChoice, key: Buffer): SealedNewsletterChoice {
  const { opt_in, at, ip, user_agent, label } = choice
  const plain: NewsletterChoice = { opt_in, at, ip, user_agent, label, ...extrasOf(choice) }
  return { ...plain, seal: sealOf(plain, key) }
}

/** The chosen interests and permissions, kept only when something was chosen. */
function extrasOf(choice: Partial<NewsletterChoice>): Pick<NewsletterChoice, "interests" | "marketing_permissions"> {
  const interests = (choice.interests ?? []).map(({ id, name, category_id }) => ({ id, name, category_id }))
  const marketing_permissions = (choice.marketing_permissions ?? []).map(({ id, text }) => ({ id, text }))
  return interests.length || marketing_permissions.length ? { interests, marketing_permissions } : {}
}

function isExtras(value: Partial<NewsletterChoice>): boolean {
  const strings = (o: unknown, keys: string[]) => !!o && typeof o === "object" && keys.every((k) => typeof (o as Record<string, unknown>)[k] === "string")
  const list = (v: unknown, keys: string[]) => v === undefined || (Array.isArray(v) && v.every((x) => strings(x, keys)))
  return list(value.interests, ["id", "name", "category_id"]) && list(value.marketing_permissions, ["id", "text"])
}

/**
 * The choice in this metadata, only if the plugin wrote it: anything else under the key (a client's
 * own `opt_in`, made-up evidence, a seal that does not match every field) is ignored.
 */
export function readNewsletterChoice(metadata: Record<string, unknown> | null | undefined, key: Buffer): NewsletterChoice | null {
  const value = metadata?.[NEWSLETTER_METADATA_KEY] as Partial<SealedNewsletterChoice> | undefined
  if (!value || typeof value !== "object" || typeof value.opt_in !== "boolean" || typeof value.seal !== "string") return null
  if (typeof value.at !== "string" || typeof value.label !== "string") return null
  if (!isStringOrNull(value.ip) || !isStringOrNull(value.user_agent) || !isExtras(value)) return null
  const choice: NewsletterChoice = { opt_in: value.opt_in, at: value.at, ip: value.ip, user_agent: value.user_agent, label: value.label, ...extrasOf(value) }
  const expected = Buffer.from(sealOf(choice, key))
  const given = Buffer.from(value.seal)
  return given.length === expected.length && timingSafeEqual(given, expected) ? choice : null
}

function isStringOrNull(v: unknown): v is string | null {
  return v === null || typeof v === "string"
}
