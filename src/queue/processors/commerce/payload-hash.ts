import { createHash } from "node:crypto"

/** A body's fingerprint: the same object sent twice in a row is sent once. */
export function payloadHash(body: unknown): string {
  return createHash("sha1").update(JSON.stringify(body)).digest("hex")
}
