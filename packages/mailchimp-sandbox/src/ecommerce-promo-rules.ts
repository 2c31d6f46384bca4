/**
 * Store promo rules and their promo codes, as Mailchimp's 3.0.76 description has them: a rule needs `id`,
 * `description`, `amount`, `type` (fixed | percentage) and `target` (per_item | total | shipping); a percentage is a
 * decimal between 0.0 and 1.0 inclusive; `ends_at` must be after `starts_at`. A code needs `id`, `code` and
 * `redemption_url` (at most 2,000 characters). Rules and codes have POST and PATCH, no PUT. Deleting a rule takes its
 * codes with it (mc-magento #967), and deleting the store takes its rules.
 */
import type { PromoCodeRecord, PromoRuleRecord, StoreRecord } from "./ecommerce-types"
import { mergeInto, readFields, requireFields, requireText, type FieldSpec } from "./field-spec"
import { ApiError, errors, type FieldError } from "./problems"
import { apiTime } from "./time"

const RULE_FIELDS: FieldSpec = {
  description: "string",
  starts_at: "date-time",
  ends_at: "date-time",
  amount: "number",
  type: "string",
  target: "string",
  enabled: "boolean",
  created_at_foreign: "date-time",
  updated_at_foreign: "date-time",
}

const CODE_FIELDS: FieldSpec = {
  code: "string",
  redemption_url: "string",
  usage_count: "integer",
  enabled: "boolean",
  created_at_foreign: "date-time",
  updated_at_foreign: "date-time",
}

const TYPES = ["fixed", "percentage"]
const TARGETS = ["per_item", "total", "shipping"]

type Body = Record<string, unknown>

/** The description's length limits ("Restricted to UTF-8 characters with max length …"). */
const MAX_LENGTH: Record<string, number> = { id: 50, description: 255, code: 50, redemption_url: 2000 }

function checkLengths(values: Body, problems: FieldError[]): void {
  for (const [field, max] of Object.entries(MAX_LENGTH)) {
    const v = values[field]
    if (typeof v === "string" && v.length > max) problems.push({ field, message: `The ${field} may hold at most ${max} characters.` })
  }
}

/** Mailchimp's duplicate answer for a rule (mc-magento #555, #648 quote it); the code's is worded the same way. */
const exists = (what: "promo rule" | "promo code", storeId: string, id: string) => {
  const detail = `A ${what} for store '${storeId}' with the id '${id}' already exists.`
  return new ApiError(400, "Invalid Resource", detail, [{ field: "id", message: detail }])
}

/** A rule's fields as they will be once `update` is applied: the checks look at the result, not the request alone. */
function checkRule(merged: Body, problems: FieldError[]): void {
  if (merged.type !== undefined && !TYPES.includes(String(merged.type))) {
    problems.push({ field: "type", message: `Value must be one of: ${TYPES.join(", ")}.` })
  }
  if (merged.target !== undefined && !TARGETS.includes(String(merged.target))) {
    problems.push({ field: "target", message: `Value must be one of: ${TARGETS.join(", ")}.` })
  }
  const amount = merged.amount as number | undefined
  if (merged.type === "percentage" && typeof amount === "number" && (amount < 0 || amount > 1)) {
    problems.push({ field: "amount", message: "A percentage amount must be a decimal value between 0.0 and 1.0, inclusive." })
  }
  if (typeof amount === "number" && amount < 0) problems.push({ field: "amount", message: "The amount may not be negative." })
  if (typeof merged.starts_at === "string" && typeof merged.ends_at === "string" && Date.parse(merged.ends_at) <= Date.parse(merged.starts_at)) {
    problems.push({ field: "ends_at", message: "ends_at must be after starts_at." })
  }
  if (merged.description !== undefined && typeof merged.description === "string" && !merged.description.trim()) {
    problems.push({ field: "description", message: "This value should not be blank." })
  }
}

export function requirePromoRule(store: StoreRecord, id: string): PromoRuleRecord {
  const rule = store.promo_rules.get(id)
  if (!rule) throw errors.notFound()
  return rule
}

export function requirePromoCode(rule: PromoRuleRecord, id: string): PromoCodeRecord {
  const code = rule.codes.get(id)
  if (!code) throw errors.notFound()
  return code
}

/** POST …/promo-rules. */
export function createPromoRule(store: StoreRecord, body: Body): PromoRuleRecord {
  requireFields(body, ["id", "description", "amount", "type", "target"])
  const id = requireText(body.id, "id")
  const fields = readFields(body, RULE_FIELDS)
  const problems: FieldError[] = []
  checkLengths({ id, ...fields }, problems)
  checkRule(fields, problems)
  if (problems.length) throw errors.invalidResource(problems)
  if (store.promo_rules.has(id)) throw exists("promo rule", store.id, id)
  const now = apiTime()
  const rule: PromoRuleRecord = { id, fields, codes: new Map(), created_at: now, updated_at: now }
  store.promo_rules.set(id, rule)
  return rule
}

/** PATCH …/promo-rules/{promo_rule_id}: the id cannot change. */
export function updatePromoRule(rule: PromoRuleRecord, body: Body): PromoRuleRecord {
  const fields = readFields(body, RULE_FIELDS)
  const problems: FieldError[] = []
  checkLengths(fields, problems)
  checkRule({ ...rule.fields, ...fields }, problems)
  if (problems.length) throw errors.invalidResource(problems)
  mergeInto(rule.fields, fields)
  rule.updated_at = apiTime()
  return rule
}

/** DELETE …/promo-rules/{promo_rule_id}: its codes go with it. */
export function deletePromoRule(store: StoreRecord, rule: PromoRuleRecord): void {
  store.promo_rules.delete(rule.id)
}

/** POST …/promo-rules/{promo_rule_id}/promo-codes. */
export function createPromoCode(store: StoreRecord, rule: PromoRuleRecord, body: Body): PromoCodeRecord {
  requireFields(body, ["id", "code", "redemption_url"])
  const id = requireText(body.id, "id")
  const fields = readFields(body, CODE_FIELDS)
  requireText(fields.code, "code")
  requireText(fields.redemption_url, "redemption_url")
  const problems: FieldError[] = []
  checkLengths({ id, ...fields }, problems)
  if (typeof fields.usage_count === "number" && fields.usage_count < 0) problems.push({ field: "usage_count", message: "The usage_count may not be negative." })
  if (problems.length) throw errors.invalidResource(problems)
  if (rule.codes.has(id)) throw exists("promo code", store.id, id)
  const now = apiTime()
  const code: PromoCodeRecord = { id, fields, created_at: now, updated_at: now }
  rule.codes.set(id, code)
  return code
}

/** PATCH …/promo-codes/{promo_code_id}. */
export function updatePromoCode(code: PromoCodeRecord, body: Body): PromoCodeRecord {
  const fields = readFields(body, CODE_FIELDS)
  if (fields.code !== undefined) requireText(fields.code, "code")
  if (fields.redemption_url !== undefined) requireText(fields.redemption_url, "redemption_url")
  const problems: FieldError[] = []
  checkLengths(fields, problems)
  if (typeof fields.usage_count === "number" && fields.usage_count < 0) problems.push({ field: "usage_count", message: "The usage_count may not be negative." })
  if (problems.length) throw errors.invalidResource(problems)
  mergeInto(code.fields, fields)
  code.updated_at = apiTime()
  return code
}

/** What was sent, as sent: the description names no defaults (an `enabled` left out is not shown either way). */
export function promoRuleView(rule: PromoRuleRecord): Record<string, unknown> {
  return { id: rule.id, ...rule.fields, _links: [] }
}

export function promoCodeView(code: PromoCodeRecord): Record<string, unknown> {
  return { id: code.id, usage_count: 0, ...code.fields, _links: [] }
}
