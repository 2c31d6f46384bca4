import { createHash } from "node:crypto"

/** Mailchimp's member id: md5 hex of the lower-cased, trimmed address. */
export function subscriberHash(email: string): string {
  return createHash("md5").update(email.trim().toLowerCase()).digest("hex")
}

const MD5_HEX = /^[0-9a-f]{32}$/i

/** Member endpoints take either an address (hashed here) or a hash already computed. */
export function toSubscriberHash(emailOrHash: string): string {
  return MD5_HEX.test(emailOrHash) ? emailOrHash.toLowerCase() : subscriberHash(emailOrHash)
}
