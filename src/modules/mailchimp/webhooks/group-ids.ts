import { randomBytes } from "crypto"

// Crockford's base 32, the alphabet of the ULIDs in Medusa's ids.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const COUNTER_CHARS = 3
const MAX_GROUP = ALPHABET.length ** COUNTER_CHARS

/**
 * `n` distinct ids for the rows of one group write, shaped like `generateEntityId(undefined, prefix)` (the prefix,
 * then a ULID: 10 characters of time, 16 of randomness). One ULID is drawn for the group, its randomness from one
 * `randomBytes` call (the `ulid` package makes 16 calls, one a character: about 0.1 ms an id, more than the rest
 * of a lone delivery's write), and its last three characters are replaced by the row's index: the rows of a group
 * share its time and 65 random bits, and differ by their index.
 */
export function groupEntityIds(prefix: string, n: number): string[] {
  if (n > MAX_GROUP) throw new RangeError(`at most ${MAX_GROUP} ids a group`)
  let time = ""
  for (let t = Date.now(), i = 0; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time
  const bytes = randomBytes(13)
  let random = ""
  for (let i = 0; i < 16 - COUNTER_CHARS; i++) random += ALPHABET[bytes[i] & 31]
  const base = `${prefix}_${time}${random}`
  const ids = new Array<string>(n)
  for (let i = 0; i < n; i++) {
    ids[i] = base + ALPHABET[(i >> 10) & 31] + ALPHABET[(i >> 5) & 31] + ALPHABET[i & 31]
  }
  return ids
}
