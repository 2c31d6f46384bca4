import { randomHex } from "./hash"
import { ApiError, errors } from "./problems"
import type { InterestCategoryRecord, InterestRecord, ListRecord, MemberRecord } from "./types"

type Body = Record<string, unknown>

export const CATEGORY_TYPES = ["checkboxes", "dropdown", "radio", "hidden"] as const

// ---------- categories and interests ----------

/** POST /lists/{list_id}/interest-categories: `title` and `type` are required; titles are unique. */
export function createCategory(list: ListRecord, body: Body): InterestCategoryRecord {
  const title = typeof body.title === "string" ? body.title.trim() : ""
  const missing = [!title && "title", body.type === undefined && "type"].filter(Boolean)
  if (missing.length) {
    throw errors.invalidResource([{ field: "", message: `Required fields were not provided: ${missing.join(", ")}` }])
  }
  if (!CATEGORY_TYPES.includes(body.type as InterestCategoryRecord["type"])) {
    throw errors.invalidResource([{ field: "type", message: `Value is not one of enum values: ${CATEGORY_TYPES.join(", ")}` }])
  }
  if (list.interest_categories.some((c) => c.title.toLowerCase() === title.toLowerCase())) {
    throw new ApiError(400, "Invalid Resource", `Cannot add "${title}" because it already exists on the list.`)
  }
  const category: InterestCategoryRecord = {
    id: randomHex(10),
    title,
    type: body.type as InterestCategoryRecord["type"],
    display_order: typeof body.display_order === "number" ? body.display_order : list.interest_categories.length,
    interests: [],
  }
  list.interest_categories.push(category)
  return category
}

export function requireCategory(list: ListRecord, id: string): InterestCategoryRecord {
  const category = list.interest_categories.find((c) => c.id === id)
  if (!category) throw errors.notFound()
  return category
}

/** POST …/interest-categories/{id}/interests: `name` is required and unique within the category. */
export function createInterest(category: InterestCategoryRecord, body: Body): InterestRecord {
  const name = typeof body.name === "string" ? body.name.trim() : ""
  if (!name) throw errors.invalidResource([{ field: "", message: "Required fields were not provided: name" }])
  if (category.interests.some((i) => i.name.toLowerCase() === name.toLowerCase())) {
    throw new ApiError(400, "Invalid Resource", `Cannot add "${name}" because it already exists on the list.`)
  }
  const interest: InterestRecord = {
    id: randomHex(10),
    name,
    display_order: typeof body.display_order === "number" ? body.display_order : category.interests.length + 1,
  }
  category.interests.push(interest)
  return interest
}

/**
 * DELETE …/interest-categories/{id}/interests/{interest_id}: the interest leaves the audience, and so every member's
 * groups; a write naming it afterwards is refused as an unknown id.
 */
export function deleteInterest(list: ListRecord, category: InterestCategoryRecord, interestId: string): void {
  const index = category.interests.findIndex((i) => i.id === interestId)
  if (index === -1) throw errors.notFound()
  category.interests.splice(index, 1)
  for (const [key, m] of list.members) {
    if (!(interestId in m.interests)) continue
    const { [interestId]: _gone, ...rest } = m.interests
    m.interests = rest
    list.members.set(key, m)
  }
}

export function categoryView(list: ListRecord, c: InterestCategoryRecord): Record<string, unknown> {
  return { list_id: list.id, id: c.id, title: c.title, display_order: c.display_order, type: c.type, _links: [] }
}

export function interestView(list: ListRecord, c: InterestCategoryRecord, i: InterestRecord): Record<string, unknown> {
  const count = [...list.members.values()].filter((m) => m.status === "subscribed" && m.interests[i.id]).length
  // The API description types subscriber_count as a string.
  return { category_id: c.id, list_id: list.id, id: i.id, name: i.name, subscriber_count: String(count), display_order: i.display_order, _links: [] }
}

export function sortedCategories(list: ListRecord): InterestCategoryRecord[] {
  return [...list.interest_categories].sort((a, b) => a.display_order - b.display_order)
}

function allInterests(list: ListRecord): InterestRecord[] {
  return sortedCategories(list).flatMap((c) => [...c.interests].sort((a, b) => a.display_order - b.display_order))
}

// ---------- members ----------

/**
 * A member write's `interests`: an object of interest id → boolean. An id the audience does not have is refused
 * as Mailchimp does: 400 "Invalid Resource", "Invalid interest ID: '…'." (reported answer, see the catalogue).
 */
export function checkInterests(list: ListRecord, value: unknown): Record<string, boolean> | undefined {
  if (value === undefined) return undefined
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw errors.invalidResource([{ field: "interests", message: "Schema describes object" }])
  }
  const known = new Set(allInterests(list).map((i) => i.id))
  const out: Record<string, boolean> = {}
  for (const [id, v] of Object.entries(value as Body)) {
    if (!known.has(id)) throw new ApiError(400, "Invalid Resource", `Invalid interest ID: '${id}'.`)
    out[id] = v === true
  }
  return out
}

/** As members show them: every interest of the audience, true for those the member is in. */
export function memberInterestsView(list: ListRecord, m: MemberRecord): Record<string, boolean> {
  return Object.fromEntries(allInterests(list).map((i) => [i.id, m.interests[i.id] === true]))
}

/** Webhooks' `data[merges][INTERESTS]`: the names of the member's interests, comma-separated. */
export function interestNames(list: ListRecord, m: MemberRecord): string {
  return allInterests(list)
    .filter((i) => m.interests[i.id])
    .map((i) => i.name)
    .join(", ")
}

// ---------- marketing permissions ----------

/**
 * A member write's `marketing_permissions`: only the audience's permissions count. What Mailchimp answers to an
 * id the audience lacks is not documented; the stand-in ignores it (the plugin sends only ids it read).
 */
export function applyMarketingPermissions(list: ListRecord, m: MemberRecord, value: unknown): void {
  if (!Array.isArray(value)) return
  const known = new Set(list.marketing_permissions.map((p) => p.marketing_permission_id))
  for (const p of value as Body[]) {
    if (!p || typeof p.marketing_permission_id !== "string" || !known.has(p.marketing_permission_id)) continue
    m.marketing_permissions = { ...m.marketing_permissions, [p.marketing_permission_id]: p.enabled === true }
  }
}

/** As members show them: each of the audience's permissions with its text; none when it has no GDPR fields. */
export function memberPermissionsView(
  list: ListRecord,
  m: MemberRecord
): Array<{ marketing_permission_id: string; text: string; enabled: boolean }> {
  return list.marketing_permissions.map((p) => ({
    marketing_permission_id: p.marketing_permission_id,
    text: p.text,
    enabled: m.marketing_permissions[p.marketing_permission_id] === true,
  }))
}

/** /_sandbox: the audience's GDPR fields, as a merchant sets them up in Mailchimp's app. */
export function setMarketingPermissions(list: ListRecord, texts: string[]): void {
  const kept = new Map(list.marketing_permissions.map((p) => [p.text, p]))
  list.marketing_permissions = texts.map((text) => kept.get(text) ?? { marketing_permission_id: randomHex(10), text })
}
