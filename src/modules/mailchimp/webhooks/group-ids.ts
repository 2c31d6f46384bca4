import { generateEntityId } from "@medusajs/framework/utils"

// Crockford's base 32, the alphabet of the ULIDs in Medusa's ids.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const COUNTER_CHARS = 3

/**
 * `n` distinct ids for the rows of one group write, shaped like `generateEntityId(undefined, prefix)`: one id is
 * generated for the group and its last three characters are replaced by the row's index. A ULID draws 16 random
 * characters one `randomBytes` call each (about 40 µs an id, most of a delivery's cost in the group write); the
 * group's rows keep the first one's time and 13 random characters (65 bits), and differ by their index.
 */
export function groupEntityIds(prefix: string, n: number): string[] {
  if (n > ALPHABET.length ** COUNTER_CHARS) throw new RangeError(`at most ${ALPHABET.length ** COUNTER_CHARS} ids a group`)
  const base = generateEntityId(undefined, prefix).slice(0, -COUNTER_CHARS)
  const ids = new Array<string>(n)
  for (let i = 0; i < n; i++) {
    ids[i] = base + ALPHABET[(i >> 10) & 31] + ALPHABET[(i >> 5) & 31] + ALPHABET[i & 31]
  }
  return ids
}
