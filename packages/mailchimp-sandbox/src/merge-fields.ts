import { ApiError, errors, type FieldError } from "./problems"
import type { ListRecord, MergeFieldOptions, MergeFieldRecord, MergeFieldType } from "./types"

export const MERGE_FIELD_TYPES: MergeFieldType[] = [
  "text",
  "number",
  "address",
  "phone",
  "date",
  "url",
  "imageurl",
  "radio",
  "dropdown",
  "birthday",
  "zip",
]

export interface AddressValue {
  addr1: string
  addr2: string
  city: string
  state: string
  zip: string
  country: string
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "")

function nonEmptyString(v: unknown): boolean {
  return (typeof v === "string" && v.trim() !== "") || typeof v === "number"
}

/** An address as Mailchimp accepts it: an object, or a string of parts separated by two spaces. */
function parseAddress(value: unknown): AddressValue | undefined {
  if (typeof value === "string") {
    const parts = value.split(/ {2,}/).map((p) => p.trim())
    if (parts.length < 4) return undefined
    // addr1  [addr2]  city  state  zip  [country]
    const [addr1, ...rest] = parts
    const withAddr2 = rest.length >= 5
    const addr2 = withAddr2 ? rest.shift()! : ""
    const [city, state, zip, country = "US"] = rest
    value = { addr1, addr2, city, state, zip, country }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined
  const a = value as Record<string, unknown>
  if (![a.addr1, a.city, a.state, a.zip].every(nonEmptyString)) return undefined
  return {
    addr1: String(a.addr1),
    addr2: a.addr2 == null ? "" : String(a.addr2),
    city: String(a.city),
    state: String(a.state),
    zip: String(a.zip),
    country: a.country == null || a.country === "" ? "US" : String(a.country),
  }
}

function checkValue(field: MergeFieldRecord, value: unknown): { value?: unknown; message?: string } {
  if (field.type === "address") {
    const address = parseAddress(value)
    return address ? { value: address } : { message: "Please enter a complete address" }
  }
  if (typeof value === "object") {
    return { message: "Data did not match any of the schemas described in anyOf." }
  }
  const text = String(value).trim()
  switch (field.type) {
    case "number":
      return Number.isFinite(Number(text)) ? { value: typeof value === "number" ? value : text } : { message: "Please enter a number" }
    case "birthday": {
      const m = /^(\d{1,2})\/(\d{1,2})$/.exec(text)
      const ok = m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= 31
      return ok ? { value: text } : { message: "Please enter a complete birthday (MM/DD)" }
    }
    case "date":
      return Number.isNaN(Date.parse(text)) ? { message: "Please enter a valid date" } : { value: text }
    case "dropdown":
    case "radio": {
      const choices = field.options.choices ?? []
      return choices.includes(text) ? { value: text } : { message: `Please choose one of: ${choices.join(", ")}` }
    }
    case "phone":
      // A US-format field takes NPA-NXX-LINE only (Mailchimp's v2 docs); v3's answer to anything else is not
      // documented (a refusal or a silent drop): the stand-in refuses, the plugin copes with both.
      return field.options.phone_format === "US" && !/^\d{3}-\d{3}-\d{4}$/.test(text)
        ? { message: "Please enter a US phone number in the form NPA-NXX-LINE (404-555-1212)" }
        : { value: text }
    case "url":
    case "imageurl":
      return /^https?:\/\/\S+$/i.test(text) ? { value: text } : { message: "Please enter a valid URL" }
    default:
      return { value: typeof value === "string" ? value : text }
  }
}

export interface MergeCheckOptions {
  /** A new member: required fields must have values. */
  isNew: boolean
  /** skip_merge_validation=true: required fields may stay empty. */
  skipRequired: boolean
}

/**
 * Checks merge field values against the audience's own fields, as Mailchimp does: unknown tags, required fields,
 * incomplete addresses and values of the wrong kind are refused (400 Invalid Resource, "Your merge fields were
 * invalid."). Returns the values to store.
 */
export function checkMergeValues(
  list: ListRecord,
  input: unknown,
  options: MergeCheckOptions
): Record<string, unknown> {
  if (input === undefined || input === null) input = {}
  if (typeof input !== "object" || Array.isArray(input)) {
    throw errors.invalidResource([{ field: "merge_fields", message: "Schema describes object, " + typeof input + " found instead" }])
  }
  const values = input as Record<string, unknown>
  const problems: FieldError[] = []
  const out: Record<string, unknown> = {}
  for (const [tag, value] of Object.entries(values)) {
    const field = list.merge_fields.find((f) => f.tag === tag)
    if (!field) {
      const hint = list.merge_fields.find((f) => f.tag === tag.toUpperCase())
      problems.push({
        field: tag,
        message: hint
          ? `This audience has no merge field ${tag}; merge tags are case-sensitive (did you mean ${hint.tag}?)`
          : `This audience has no merge field ${tag}`,
      })
      continue
    }
    if (isEmpty(value)) {
      if (field.required && !options.skipRequired) {
        problems.push({
          field: tag,
          message: field.type === "address" ? "Please enter a complete address" : "Please enter a value",
        })
      } else out[tag] = ""
      continue
    }
    const checked = checkValue(field, value)
    if (checked.message) problems.push({ field: tag, message: checked.message })
    else out[tag] = checked.value
  }
  if (options.isNew && !options.skipRequired) {
    for (const field of list.merge_fields) {
      if (field.required && !(field.tag in values) && isEmpty(field.default_value)) {
        problems.push({
          field: field.tag,
          message: field.type === "address" ? "Please enter a complete address" : "Please enter a value",
        })
      }
    }
  }
  if (problems.length) throw errors.mergeFields(problems)
  return out
}

/** The merge fields of a member as the API shows them: every field of the audience, "" when unset. */
export function mergeValuesView(list: ListRecord, stored: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const field of list.merge_fields) {
    const v = stored[field.tag]
    out[field.tag] = v === undefined || v === null ? "" : v
  }
  return out
}

/** New members get the fields' default values. */
export function withDefaults(list: ListRecord, values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values }
  for (const field of list.merge_fields) {
    if (!(field.tag in out) && field.default_value !== "") out[field.tag] = field.default_value
  }
  return out
}

export function mergeFieldView(list: ListRecord, field: MergeFieldRecord): Record<string, unknown> {
  return {
    merge_id: field.merge_id,
    tag: field.tag,
    name: field.name,
    type: field.type,
    required: field.required,
    default_value: field.default_value,
    public: field.public,
    display_order: field.display_order,
    options: { ...field.options },
    help_text: field.help_text,
    list_id: list.id,
    _links: [],
  }
}

/** POST /lists/{list_id}/merge-fields: Mailchimp's rules for a new field. */
export function createMergeField(list: ListRecord, body: Record<string, unknown>): MergeFieldRecord {
  const problems: FieldError[] = []
  const missing = ["name", "type"].filter((k) => body[k] === undefined || body[k] === null || body[k] === "")
  if (missing.length) problems.push({ field: "", message: `Required fields were not provided: ${missing.join(", ")}` })
  if (body.name !== undefined && typeof body.name !== "string") {
    problems.push({ field: "name", message: `Schema describes string, ${typeof body.name} found instead` })
  }
  if (body.type !== undefined && !MERGE_FIELD_TYPES.includes(body.type as MergeFieldType)) {
    problems.push({ field: "type", message: `Value is not one of enum values: ${MERGE_FIELD_TYPES.join(", ")}` })
  }
  if (problems.length) throw errors.invalidResource(problems)

  const mergeId = list.next_merge_id
  let tag: string
  if (body.tag === undefined || body.tag === null || body.tag === "") {
    tag = `MMERGE${mergeId}`
  } else {
    if (typeof body.tag !== "string") {
      throw errors.invalidResource([{ field: "tag", message: `Schema describes string, ${typeof body.tag} found instead` }])
    }
    tag = body.tag.trim().toUpperCase()
    if (tag.length > 10) {
      throw errors.invalidResource([{ field: "tag", message: "The merge tag must be 10 characters or fewer." }])
    }
    if (!/^[A-Z0-9_]+$/.test(tag)) {
      throw errors.invalidResource([
        { field: "tag", message: "The merge tag may hold only letters, digits and underscores." },
      ])
    }
  }
  if (tag === "EMAIL" || list.merge_fields.some((f) => f.tag === tag)) {
    throw new ApiError(
      400,
      "Invalid Resource",
      `A Merge Field with the tag "${tag}" already exists for this list.`,
      [{ field: "tag", message: `A Merge Field with the tag "${tag}" already exists for this list.` }]
    )
  }
  const type = body.type as MergeFieldType
  const options = (body.options && typeof body.options === "object" ? body.options : {}) as MergeFieldOptions
  if ((type === "dropdown" || type === "radio") && !(Array.isArray(options.choices) && options.choices.length)) {
    throw errors.invalidResource([{ field: "options.choices", message: "Please provide at least one choice." }])
  }
  const field: MergeFieldRecord = {
    merge_id: mergeId,
    tag,
    name: body.name as string,
    type,
    required: body.required === true,
    default_value: typeof body.default_value === "string" ? body.default_value : "",
    public: body.public === true,
    display_order:
      typeof body.display_order === "number"
        ? body.display_order
        : Math.max(1, ...list.merge_fields.map((f) => f.display_order)) + 1,
    options: { ...options },
    help_text: typeof body.help_text === "string" ? body.help_text : "",
  }
  list.next_merge_id += 1
  list.merge_fields.push(field)
  return field
}
