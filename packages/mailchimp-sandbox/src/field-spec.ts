/**
 * Reading the plain fields of a request body against a small description of their types, for resources whose
 * fields are mostly stored and shown back as given (stores, customers, products, orders). Mailchimp ignores
 * fields it does not know (strict mode refuses them earlier), and answers a wrong type with 400 Invalid Resource.
 */
import { errors, type FieldError } from "./problems"
import { internFields } from "./intern"
import { apiTime } from "./time"

export type FieldKind =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | "date-time"
  | "string[]"
  | { object: FieldSpec }

export type FieldSpec = Record<string, FieldKind>

type Body = Record<string, unknown>

function describe(value: unknown): string {
  if (value === null) return "null"
  if (Array.isArray(value)) return "array"
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number"
  return typeof value
}

function readOne(kind: FieldKind, value: unknown, field: string, problems: FieldError[]): unknown {
  const wrong = (what: string) => {
    problems.push({ field, message: `Schema describes ${what}, ${describe(value)} found instead` })
    return undefined
  }
  if (typeof kind === "object") {
    if (!value || typeof value !== "object" || Array.isArray(value)) return wrong("object")
    return readInto(value as Body, kind.object, field, problems)
  }
  switch (kind) {
    case "string":
      return typeof value === "string" ? value : wrong("string")
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : wrong("number")
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? value : wrong("integer")
    case "boolean":
      return typeof value === "boolean" ? value : wrong("boolean")
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? [...value] : wrong("array of strings")
    case "date-time": {
      if (typeof value !== "string") return wrong("string")
      const t = Date.parse(value)
      if (Number.isNaN(t)) {
        problems.push({ field, message: "Please provide a valid date-time (ISO 8601)." })
        return undefined
      }
      return apiTime(new Date(t))
    }
  }
}

function readInto(body: Body, spec: FieldSpec, at: string, problems: FieldError[]): Body {
  const out: Body = {}
  for (const [key, kind] of Object.entries(spec)) {
    const value = body[key]
    if (value === undefined) continue
    const field = at ? `${at}.${key}` : key
    const read = readOne(kind, value, field, problems)
    if (read !== undefined) out[key] = read
  }
  return out
}

/** The fields of `spec` found in `body`, type-checked; 400 Invalid Resource naming each wrong one. */
export function readFields(body: Body, spec: FieldSpec, at = ""): Body {
  const problems: FieldError[] = []
  const out = readInto(body, spec, at, problems)
  if (problems.length) throw errors.invalidResource(problems)
  // Stored as given: addresses and short strings many records hold alike are shared (frozen: changed by copy).
  return internFields(out)
}

/** 400 "Required fields were not provided" when a key is missing (or null). */
export function requireFields(body: Body, keys: string[], at = ""): void {
  const missing = keys.filter((k) => body[k] === undefined || body[k] === null)
  if (missing.length) {
    throw errors.invalidResource([
      { field: at, message: `Required fields were not provided: ${missing.map((k) => (at ? `${at}.${k}` : k)).join(", ")}` },
    ])
  }
}

/** A string field that must not be empty. */
export function requireText(value: unknown, field: string): string {
  if (typeof value !== "string" || !value.trim()) {
    throw errors.invalidResource([{ field, message: "This value should not be blank." }])
  }
  return value
}

/** Applies an update: nested objects (addresses) are merged, everything else replaced. */
export function mergeInto(target: Body, update: Body): Body {
  for (const [k, v] of Object.entries(update)) {
    const current = target[k]
    if (v && typeof v === "object" && !Array.isArray(v) && current && typeof current === "object" && !Array.isArray(current)) {
      target[k] = { ...(current as Body), ...(v as Body) }
    } else target[k] = v
  }
  return target
}

/** `defaults` overlaid with the stored values (nested objects too): the shape Mailchimp answers with. */
export function withFieldDefaults(defaults: Body, stored: Body): Body {
  const out: Body = structuredClone(defaults)
  mergeInto(out, structuredClone(stored))
  return out
}

export const ADDRESS_FIELDS: FieldSpec = {
  address1: "string",
  address2: "string",
  city: "string",
  province: "string",
  province_code: "string",
  postal_code: "string",
  country: "string",
  country_code: "string",
}

export const EMPTY_ADDRESS = {
  address1: "",
  address2: "",
  city: "",
  province: "",
  province_code: "",
  postal_code: "",
  country: "",
  country_code: "",
}
