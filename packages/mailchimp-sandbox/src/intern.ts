/**
 * Shared copies of values that many records hold alike, so that a store of a million customers, orders and
 * members does not hold a million copies of the same address, tag or timestamp (see README, "Storage").
 *
 * Interned objects are frozen: a record that changes one replaces it with a changed copy (copy on write), and
 * code that changed one in place would throw rather than change every record that shares it. The tables are
 * bounded: when one is full it starts again, so unique values (ids, addresses) cost a table entry only for a while.
 */

const MAX_ENTRIES = 50_000
/** Longer strings are rarely shared and cost more to look up than they save. */
const MAX_STRING_LENGTH = 64

const strings = new Map<string, string>()
const objects = new Map<string, object>()

/** The shared copy of a short string. */
export function internString(value: string): string {
  if (value.length > MAX_STRING_LENGTH) return value
  const shared = strings.get(value)
  if (shared !== undefined) return shared
  if (strings.size >= MAX_ENTRIES) strings.clear()
  strings.set(value, value)
  return value
}

/** A frozen empty object, for fields most records leave empty (written by replacing it). */
export const EMPTY: Readonly<Record<string, never>> = Object.freeze({})

/** A member's location when none was given. */
export const NO_LOCATION: Readonly<{ latitude: number; longitude: number }> = Object.freeze({ latitude: 0, longitude: 0 })

function internValue(value: unknown): unknown {
  if (typeof value === "string") return internString(value)
  if (value && typeof value === "object") return internObject(value as Record<string, unknown>)
  return value
}

/**
 * The shared, frozen copy of a JSON-like object (its nested objects and arrays too). Two objects share a copy when
 * they serialise alike (same keys in the same order).
 */
export function internObject<T extends object>(value: T): T {
  if (Object.isFrozen(value)) return value
  const key = JSON.stringify(value)
  const shared = objects.get(key)
  if (shared) return shared as T
  const copy = (Array.isArray(value) ? value.map(internValue) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, internValue(v)])))
  Object.freeze(copy)
  if (objects.size >= MAX_ENTRIES) objects.clear()
  objects.set(key, copy)
  return copy as T
}

/** The object's nested objects interned, its strings shared (the object itself stays its own, to change in place). */
export function internFields<T extends Record<string, unknown>>(fields: T): T {
  for (const [k, v] of Object.entries(fields)) (fields as Record<string, unknown>)[k] = internValue(v)
  return fields
}
