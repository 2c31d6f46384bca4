import type { PickOption, Segment, SegmentBody, SegmentCondition, SegmentDefinition, SegmentMatch } from "./segments-api"

/**
 * The segment builder's state: each condition as the form holds it (text as typed), turned into the
 * server's shape by `checkSegmentForm`, which applies the server's own rules first
 * (src/modules/mailchimp-segments/rules/conditions.ts) so that most mistakes never leave the browser.
 */

export type ConditionType = SegmentCondition["type"]

export const CONDITION_KINDS: { type: ConditionType; label: string }[] = [
  { type: "orders_count", label: "Number of orders" },
  { type: "total_spent", label: "Total spent" },
  { type: "average_order", label: "Average order value" },
  { type: "first_order_date", label: "First order" },
  { type: "last_order_date", label: "Last order" },
  { type: "bought", label: "Bought" },
  { type: "not_bought", label: "Never bought" },
  { type: "country", label: "Country" },
  { type: "customer_group", label: "Customer group" },
  { type: "customer_created", label: "Customer since" },
  { type: "has_account", label: "Has an account" },
  { type: "engagement", label: "Email engagement" },
]

export const KIND_LABEL: Record<string, string> = Object.fromEntries(CONDITION_KINDS.map((k) => [k.type, k.label]))

export const COMPARE_OPS = [
  { value: "gte", label: "at least" },
  { value: "gt", label: "more than" },
  { value: "eq", label: "exactly" },
  { value: "lte", label: "at most" },
  { value: "lt", label: "less than" },
] as const

export const DATE_OPS = [
  { value: "within_days", label: "within the last" },
  { value: "more_than_days_ago", label: "more than" },
] as const

export const ITEMS = [
  { value: "product", label: "a product" },
  { value: "variant", label: "a variant" },
  { value: "category", label: "from a category" },
  { value: "collection", label: "from a collection" },
] as const

export const ACTIONS = [
  { value: "opened", label: "opened" },
  { value: "clicked", label: "clicked" },
  { value: "never_opened", label: "never opened" },
] as const

export type DraftCondition = {
  key: string
  type: ConditionType
  op: string
  value: string
  days: string
  item: "product" | "variant" | "category" | "collection"
  picked: PickOption[]
  within_days: string
  countries: string
  has: "yes" | "no"
  action: "opened" | "clicked" | "never_opened"
  campaign_id: string
}

export type SegmentFormValues = { name: string; match: SegmentMatch; conditions: DraftCondition[] }

/** Errors by field: `name`, `form`, and `<condition key>.<field>`. */
export type SegmentFormErrors = Record<string, string>

let nextKey = 0
const newKey = () => `c${++nextKey}`

export function draftCondition(type: ConditionType): DraftCondition {
  const base: DraftCondition = {
    key: newKey(),
    type,
    op: "gte",
    value: "1",
    days: "30",
    item: "product",
    picked: [],
    within_days: "",
    countries: "",
    has: "yes",
    action: "opened",
    campaign_id: "",
  }
  if (type === "first_order_date" || type === "last_order_date" || type === "customer_created") base.op = "within_days"
  if (type === "country" || type === "customer_group") base.op = "in"
  if (type === "total_spent" || type === "average_order") base.value = "100"
  return base
}

export function newSegmentForm(): SegmentFormValues {
  return { name: "", match: "all", conditions: [draftCondition("orders_count")] }
}

/** A stored segment back into the form (ids shown as they are until their names load). */
export function segmentFormValues(s: Segment): SegmentFormValues {
  return {
    name: s.name,
    match: s.match,
    conditions: s.conditions.map((c) => {
      const d = draftCondition(c.type)
      switch (c.type) {
        case "orders_count":
        case "total_spent":
        case "average_order":
          return { ...d, op: c.op, value: String(c.value) }
        case "first_order_date":
        case "last_order_date":
        case "customer_created":
          return { ...d, op: c.op, days: String(c.days) }
        case "bought":
        case "not_bought":
          return { ...d, item: c.item, picked: c.ids.map((id) => ({ id, label: id })), within_days: c.within_days ? String(c.within_days) : "" }
        case "country":
          return { ...d, op: c.op, countries: c.countries.join(", ").toUpperCase() }
        case "customer_group":
          return { ...d, op: c.op, picked: c.group_ids.map((id) => ({ id, label: id })) }
        case "has_account":
          return { ...d, has: c.value ? "yes" : "no" }
        case "engagement":
          return { ...d, action: c.action, campaign_id: c.campaign_id ?? "", within_days: c.within_days ? String(c.within_days) : "" }
      }
    }),
  }
}

const NUMBER = /^\d+(\.\d+)?$/
const INTEGER = /^\d+$/

function daysError(text: string, optional: boolean): string | undefined {
  const t = text.trim()
  if (!t) return optional ? undefined : "Give a number of days"
  if (!INTEGER.test(t)) return "A whole number of days"
  const n = Number(t)
  if (n < 1 || n > 36_500) return "Between 1 and 36,500 days"
  return undefined
}

export function parseCountries(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean)
}

/** One condition in the server's shape, or its errors by field. */
export function checkCondition(d: DraftCondition): { condition?: SegmentCondition; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  switch (d.type) {
    case "orders_count":
    case "total_spent":
    case "average_order": {
      const t = d.value.trim()
      if (!t) errors.value = "Give a number"
      else if (!(d.type === "orders_count" ? INTEGER : NUMBER).test(t)) errors.value = d.type === "orders_count" ? "A whole number" : "A number, 0 or more"
      else if (Number(t) > 1e12) errors.value = "Too large"
      if (Object.keys(errors).length) return { errors }
      return { errors, condition: { type: d.type, op: d.op as "gte", value: Number(t) } }
    }
    case "first_order_date":
    case "last_order_date":
    case "customer_created": {
      const e = daysError(d.days, false)
      if (e) return { errors: { days: e } }
      return { errors, condition: { type: d.type, op: d.op as "within_days", days: Number(d.days.trim()) } }
    }
    case "bought":
    case "not_bought": {
      if (!d.picked.length) errors.ids = "Pick at least one"
      else if (d.picked.length > 500) errors.ids = "At most 500"
      const e = daysError(d.within_days, true)
      if (e) errors.within_days = e
      if (Object.keys(errors).length) return { errors }
      return {
        errors,
        condition: {
          type: d.type,
          item: d.item,
          ids: d.picked.map((p) => p.id),
          ...(d.within_days.trim() ? { within_days: Number(d.within_days.trim()) } : {}),
        },
      }
    }
    case "country": {
      const codes = parseCountries(d.countries)
      const bad = codes.filter((c) => !/^[A-Za-z]{2}$/.test(c))
      if (!codes.length) errors.countries = "Give at least one country code"
      else if (bad.length) errors.countries = `Not two-letter country codes: ${bad.join(", ")}`
      else if (codes.length > 300) errors.countries = "At most 300 countries"
      if (Object.keys(errors).length) return { errors }
      return { errors, condition: { type: "country", op: d.op as "in", countries: codes.map((c) => c.toLowerCase()) } }
    }
    case "customer_group": {
      if (!d.picked.length) return { errors: { ids: "Pick at least one group" } }
      return { errors, condition: { type: "customer_group", op: d.op as "in", group_ids: d.picked.map((p) => p.id) } }
    }
    case "has_account":
      return { errors, condition: { type: "has_account", value: d.has === "yes" } }
    case "engagement": {
      const e = daysError(d.within_days, true)
      if (e) errors.within_days = e
      const campaign = d.campaign_id.trim()
      if (campaign.length > 100) errors.campaign_id = "At most 100 characters"
      if (Object.keys(errors).length) return { errors }
      return {
        errors,
        condition: {
          type: "engagement",
          action: d.action,
          ...(campaign ? { campaign_id: campaign } : {}),
          ...(d.within_days.trim() ? { within_days: Number(d.within_days.trim()) } : {}),
        },
      }
    }
  }
}

/** The definition when every condition is complete (for the live preview), else null. */
export function definitionOf(v: Pick<SegmentFormValues, "match" | "conditions">): SegmentDefinition | null {
  if (!v.conditions.length || v.conditions.length > 20) return null
  const conditions: SegmentCondition[] = []
  for (const d of v.conditions) {
    const { condition } = checkCondition(d)
    if (!condition) return null
    conditions.push(condition)
  }
  return { match: v.match, conditions }
}

/** Checks the whole form: its errors, or the body to send. */
export function checkSegmentForm(v: SegmentFormValues): { errors: SegmentFormErrors; body?: SegmentBody } {
  const errors: SegmentFormErrors = {}
  const name = v.name.trim()
  if (!name) errors.name = "Give the segment a name"
  else if (name.length > 100) errors.name = "At most 100 characters"
  if (!v.conditions.length) errors.form = "Add at least one condition"
  if (v.conditions.length > 20) errors.form = "At most 20 conditions"
  const conditions: SegmentCondition[] = []
  for (const d of v.conditions) {
    const checked = checkCondition(d)
    for (const [field, message] of Object.entries(checked.errors)) errors[`${d.key}.${field}`] = message
    if (checked.condition) conditions.push(checked.condition)
  }
  if (Object.keys(errors).length) return { errors }
  return { errors, body: { name, match: v.match, conditions } }
}

/**
 * The server's refusal placed on the form: the field it names (`conditions.2.days`, or Medusa's
 * `conditions, 2, days`) on that condition's row when it can be found, and always in the form's alert.
 */
export function segmentServerErrors(message: string, v: SegmentFormValues): SegmentFormErrors {
  const errors: SegmentFormErrors = { form: message }
  const at = message.match(/conditions(?:\.|,\s*)(\d+)(?:(?:\.|,\s*)([a-z_]+))?/)
  if (at) {
    const d = v.conditions[Number(at[1])]
    const field = at[2] === "group_ids" ? "ids" : at[2]
    if (d && field) errors[`${d.key}.${field}`] = message
  } else if (/\bname\b/.test(message)) {
    errors.name = message
  }
  return errors
}

/** A condition in words, for the list and the detail page. */
export function describeCondition(c: SegmentCondition): string {
  const op = (value: string, ops: readonly { value: string; label: string }[]) => ops.find((o) => o.value === value)?.label ?? value
  switch (c.type) {
    case "orders_count":
    case "total_spent":
    case "average_order":
      return `${KIND_LABEL[c.type]} ${op(c.op, COMPARE_OPS)} ${c.value}`
    case "first_order_date":
    case "last_order_date":
    case "customer_created":
      return c.op === "within_days" ? `${KIND_LABEL[c.type]} within the last ${c.days} days` : `${KIND_LABEL[c.type]} more than ${c.days} days ago`
    case "bought":
    case "not_bought":
      return `${KIND_LABEL[c.type]} ${op(c.item, ITEMS)} (${c.ids.length})${c.within_days ? ` in the last ${c.within_days} days` : ""}`
    case "country":
      return `Country ${c.op === "in" ? "is" : "is not"} ${c.countries.map((x) => x.toUpperCase()).join(", ")}`
    case "customer_group":
      return `${c.op === "in" ? "In" : "Not in"} customer group (${c.group_ids.length})`
    case "has_account":
      return c.value ? "Has an account" : "Has no account"
    case "engagement":
      return `${op(c.action, ACTIONS).replace(/^./, (x) => x.toUpperCase())} ${c.campaign_id ? `campaign ${c.campaign_id}` : "any campaign"}${c.within_days ? ` in the last ${c.within_days} days` : ""}`
  }
}

export function describeDefinition(s: { match: SegmentMatch; conditions: SegmentCondition[] }): string {
  return s.conditions.map(describeCondition).join(s.match === "any" ? " or " : " and ")
}
