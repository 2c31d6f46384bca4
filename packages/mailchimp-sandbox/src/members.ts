import { createHash } from "crypto"
import { nextWebId } from "./audience"
import { snapshot, type EmitEvent } from "./events"
import { applyMarketingPermissions, checkInterests, memberInterestsView, memberPermissionsView } from "./interests"
import { isSubscriberHash, isValidEmail, memberHash, randomHex } from "./hash"
import { checkMergeValues, mergeValuesView, withDefaults } from "./merge-fields"
import { ApiError, errors } from "./problems"
import { ensureTag } from "./tags"
import { EMPTY, internObject, NO_LOCATION } from "./intern"
import { apiTime } from "./time"
import type { ListRecord, MemberRecord, MemberStatus, MemberTag, WritableStatus } from "./types"

export const WRITABLE_STATUSES: WritableStatus[] = ["subscribed", "unsubscribed", "cleaned", "pending", "transactional"]

export interface MemberContext {
  list: ListRecord
  emit: EmitEvent
  /** skip_merge_validation=true: required merge fields may be left out. */
  skipMergeValidation?: boolean
  /** `source` shown on members this change creates. */
  sourceLabel?: string
  /** `unsubscribe_reason` for members this change unsubscribes. */
  unsubscribeReason?: string
}

type Body = Record<string, unknown>

// ---------- reading a body ----------

function readStatus(body: Body, key: string): WritableStatus | undefined {
  const v = body[key]
  if (v === undefined || v === null) return undefined
  if (!WRITABLE_STATUSES.includes(v as WritableStatus)) {
    throw errors.invalidResource([
      { field: key, message: `Value is not one of enum values: ${WRITABLE_STATUSES.join(", ")}` },
    ])
  }
  return v as WritableStatus
}

function readEmail(body: Body, required: boolean): string | undefined {
  const v = body.email_address
  if (v === undefined || v === null) {
    if (required) throw errors.invalidResource([{ field: "", message: "Required fields were not provided: email_address" }])
    return undefined
  }
  if (!isValidEmail(v)) {
    throw new ApiError(400, "Invalid Resource", "Please provide a valid email address.", [
      { field: "email_address", message: "Please provide a valid email address." },
    ])
  }
  return v.trim()
}

/** A path's subscriber_hash: Mailchimp also takes the address itself there. */
export function resolveHash(value: string): string {
  const v = decodeURIComponent(value)
  if (isSubscriberHash(v.toLowerCase())) return v.toLowerCase()
  if (v.includes("@")) return memberHash(v)
  return v
}

export function findMember(list: ListRecord, hashOrEmail: string): MemberRecord | undefined {
  return list.members.get(resolveHash(hashOrEmail))
}

export function requireMember(list: ListRecord, hashOrEmail: string): MemberRecord {
  const m = findMember(list, hashOrEmail)
  if (!m) throw errors.notFound()
  return m
}

// ---------- the view ----------

/**
 * The contact's id: 32 hex digits, fixed for the contact (its web_id never changes, its address may), derived rather
 * than stored: 56 bytes less per member at a million members.
 */
export function contactId(m: MemberRecord): string {
  return createHash("md5").update(`contact ${m.web_id}`).digest("hex")
}

export function memberView(list: ListRecord, m: MemberRecord): Record<string, unknown> {
  const merges = mergeValuesView(list, m.merge_fields)
  const fullName = [merges.FNAME, merges.LNAME].filter((v) => typeof v === "string" && v).join(" ")
  const view: Record<string, unknown> = {
    id: m.id,
    email_address: m.email_address,
    unique_email_id: m.unique_email_id,
    contact_id: contactId(m),
    full_name: fullName,
    web_id: m.web_id,
    email_type: m.email_type,
    status: m.status,
    consents_to_one_to_one_messaging: true,
    merge_fields: merges,
    interests: memberInterestsView(list, m),
    stats: { avg_open_rate: 0, avg_click_rate: 0 },
    ip_signup: m.ip_signup,
    ip_opt: m.ip_opt,
    member_rating: 2,
    last_changed: m.last_changed,
    language: m.language,
    vip: m.vip,
    email_client: "",
    location: {
      latitude: m.location.latitude,
      longitude: m.location.longitude,
      gmtoff: 0,
      dstoff: 0,
      country_code: "",
      timezone: "",
      region: "",
    },
    marketing_permissions: memberPermissionsView(list, m),
    source: m.source,
    tags_count: m.tags.length,
    tags: m.tags.map((t) => ({ id: t.id, name: t.name })),
    list_id: list.id,
    _links: [],
  }
  if (m.unsubscribe_reason && m.status === "unsubscribed") view.unsubscribe_reason = m.unsubscribe_reason
  if (m.timestamp_signup) view.timestamp_signup = m.timestamp_signup
  if (m.timestamp_opt) view.timestamp_opt = m.timestamp_opt
  return view
}

// ---------- status rules ----------

/** The status that counts for compliance: an archived member keeps the state it had. */
function complianceStatus(m: MemberRecord): MemberStatus {
  return m.status === "archived" ? m.status_before_archive ?? "archived" : m.status
}

/**
 * Mailchimp's rules: an unsubscribed member may be sent a re-confirmation (`pending`) but not be `subscribed` by
 * the API; a cleaned member cannot come back at all.
 */
export function assertTransition(m: MemberRecord, to: WritableStatus): void {
  const current = complianceStatus(m)
  if (current === to) return
  if (current === "unsubscribed" && to === "subscribed") throw errors.compliance(m.email_address)
  if (current === "cleaned" && (to === "subscribed" || to === "pending" || to === "transactional")) {
    throw errors.compliance(m.email_address)
  }
}

/** Sets a status and tells webhooks, as the change's source. */
export function applyStatus(
  ctx: MemberContext,
  m: MemberRecord,
  to: WritableStatus,
  detail: { reason?: "manual" | "abuse" | "hard"; campaign_id?: string } = {}
): void {
  const before = complianceStatus(m)
  const wasArchived = m.status === "archived"
  const now = apiTime()
  m.status = to
  delete m.status_before_archive
  if (before === to && !wasArchived) return
  m.last_changed = now
  if (to === "subscribed") {
    m.timestamp_opt = now
    delete m.unsubscribe_reason
    ctx.list.last_sub_date = now
    ctx.emit({ type: "subscribe", member: snapshot(m) })
  } else if (to === "pending") {
    m.timestamp_signup = m.timestamp_signup ?? now
  } else if (to === "unsubscribed") {
    m.unsubscribe_reason = ctx.unsubscribeReason ?? "N/A (Unsubscribed by an admin)"
    ctx.list.last_unsub_date = now
    if (before !== "unsubscribed") {
      ctx.emit({
        type: "unsubscribe",
        member: snapshot(m),
        action: "unsub",
        reason: detail.reason === "abuse" ? "abuse" : "manual",
        campaign_id: detail.campaign_id,
      })
    }
  } else if (to === "cleaned") {
    if (before !== "cleaned") {
      ctx.emit({
        type: "cleaned",
        email: m.email_address,
        reason: detail.reason === "abuse" ? "abuse" : "hard",
        campaign_id: detail.campaign_id,
      })
    }
  }
}

// ---------- writable fields ----------

function applyFields(ctx: MemberContext, m: MemberRecord, body: Body, isNew: boolean): boolean {
  // Checked before anything changes: an unknown interest refuses the whole write.
  const interests = checkInterests(ctx.list, body.interests)
  let profileChanged = false
  if (body.merge_fields !== undefined || isNew) {
    const checked = checkMergeValues(ctx.list, body.merge_fields, {
      isNew,
      skipRequired: ctx.skipMergeValidation === true,
    })
    const next = isNew ? withDefaults(ctx.list, checked) : { ...m.merge_fields, ...checked }
    if (JSON.stringify(next) !== JSON.stringify(m.merge_fields)) profileChanged = !isNew
    m.merge_fields = internObject(next)
  }
  if (body.email_type !== undefined) {
    if (body.email_type !== "html" && body.email_type !== "text") {
      throw errors.invalidResource([{ field: "email_type", message: "Value is not one of enum values: html, text" }])
    }
    profileChanged = profileChanged || (!isNew && m.email_type !== body.email_type)
    m.email_type = body.email_type
  }
  if (interests) {
    const changed = Object.entries(interests).some(([id, v]) => (m.interests[id] === true) !== v)
    m.interests = { ...m.interests, ...interests }
    profileChanged = profileChanged || (!isNew && changed)
  }
  if (typeof body.language === "string") m.language = body.language
  if (typeof body.vip === "boolean") m.vip = body.vip
  if (body.location && typeof body.location === "object") {
    const loc = body.location as Body
    m.location = internObject({
      latitude: typeof loc.latitude === "number" ? loc.latitude : m.location.latitude,
      longitude: typeof loc.longitude === "number" ? loc.longitude : m.location.longitude,
    })
  }
  applyMarketingPermissions(ctx.list, m, body.marketing_permissions)
  if (typeof body.ip_signup === "string") m.ip_signup = body.ip_signup
  if (typeof body.ip_opt === "string") m.ip_opt = body.ip_opt
  if (typeof body.timestamp_signup === "string" && body.timestamp_signup) m.timestamp_signup = normaliseTime(body.timestamp_signup, "timestamp_signup")
  if (typeof body.timestamp_opt === "string" && body.timestamp_opt) m.timestamp_opt = normaliseTime(body.timestamp_opt, "timestamp_opt")
  if (profileChanged) m.last_changed = apiTime()
  return profileChanged
}

function normaliseTime(value: string, field: string): string {
  const t = Date.parse(value)
  if (Number.isNaN(t)) throw errors.invalidResource([{ field, message: "Please provide a valid date-time." }])
  return apiTime(new Date(t))
}

function newRecord(ctx: MemberContext, email: string): MemberRecord {
  const now = apiTime()
  return {
    id: memberHash(email),
    email_address: email,
    unique_email_id: randomHex(10),
    web_id: nextWebId(),
    email_type: "html",
    status: "pending",
    merge_fields: EMPTY,
    // Shared until written (intern.ts): most members have none.
    interests: EMPTY,
    language: "",
    vip: false,
    location: NO_LOCATION,
    marketing_permissions: EMPTY,
    ip_signup: "",
    ip_opt: "",
    last_changed: now,
    source: ctx.sourceLabel ?? "API - Generic",
    tags: [],
    // Slots for what most members get next, so that setting them needs no extra property store.
    timestamp_signup: undefined,
    timestamp_opt: undefined,
    added_by_ecommerce: undefined,
  }
}

function assertNotForgotten(list: ListRecord, email: string): void {
  if (list.forgotten.has(memberHash(email))) throw errors.forgotten(email)
}

function addTagsFromBody(list: ListRecord, m: MemberRecord, body: Body): void {
  if (body.tags === undefined) return
  if (!Array.isArray(body.tags) || body.tags.some((t) => typeof t !== "string")) {
    throw errors.invalidResource([{ field: "tags", message: "Schema describes array of strings" }])
  }
  applyTags(list, m, (body.tags as string[]).map((name) => ({ name, status: "active" as const })))
}

/** A member new to the audience. Webhooks hear of it only when it arrives subscribed. */
export function insertNew(ctx: MemberContext, email: string, status: WritableStatus, body: Body): MemberRecord {
  assertNotForgotten(ctx.list, email)
  const m = newRecord(ctx, email)
  applyFields(ctx, m, body, true)
  addTagsFromBody(ctx.list, m, body)
  const now = apiTime()
  m.status = status
  if (status === "subscribed") {
    m.timestamp_opt = m.timestamp_opt ?? now
    ctx.list.last_sub_date = now
  } else if (status === "pending") {
    m.timestamp_signup = m.timestamp_signup ?? now
  } else if (status === "unsubscribed") {
    m.unsubscribe_reason = ctx.unsubscribeReason ?? "N/A (Unsubscribed by an admin)"
    ctx.list.last_unsub_date = now
  }
  ctx.list.members.set(m.id, m)
  if (status === "subscribed") ctx.emit({ type: "subscribe", member: snapshot(m) })
  return m
}

function restoreArchived(ctx: MemberContext, m: MemberRecord, status: WritableStatus, body: Body): MemberRecord {
  assertTransition(m, status)
  applyFields(ctx, m, body, false)
  addTagsFromBody(ctx.list, m, body)
  applyStatus(ctx, m, status)
  return m
}

/** Existing member: email change, fields, status, in that order, all checked before anything changes. */
function updateExisting(ctx: MemberContext, m: MemberRecord, body: Body, status: WritableStatus | undefined): MemberRecord {
  const newEmail = readEmail(body, false)
  if (status) assertTransition(m, status)
  if (newEmail && newEmail.toLowerCase() !== m.email_address.toLowerCase()) {
    assertEmailFree(ctx.list, newEmail)
  }
  // Validate merge fields before changing anything.
  if (body.merge_fields !== undefined) {
    checkMergeValues(ctx.list, body.merge_fields, { isNew: false, skipRequired: ctx.skipMergeValidation === true })
  }
  checkInterests(ctx.list, body.interests)
  if (newEmail && newEmail !== m.email_address) moveEmail(ctx, m, newEmail, false)
  const profileChanged = applyFields(ctx, m, body, false)
  const statusBefore = m.status
  if (status) applyStatus(ctx, m, status)
  if (profileChanged && statusBefore === m.status && m.status === "subscribed") {
    ctx.emit({ type: "profile", member: snapshot(m) })
  }
  return m
}

function assertEmailFree(list: ListRecord, email: string): void {
  assertNotForgotten(list, email)
  if (list.members.has(memberHash(email))) throw errors.memberExists(email)
}

/**
 * Moves a member to a new address (a new subscriber hash). Mailchimp sends `upemail`, then `profile`.
 * The address must not be on the audience already.
 */
export function moveEmail(ctx: MemberContext, m: MemberRecord, newEmail: string, check = true): void {
  const oldEmail = m.email_address
  const newHash = memberHash(newEmail)
  if (newHash === m.id) {
    m.email_address = newEmail
    return
  }
  if (check) assertEmailFree(ctx.list, newEmail)
  ctx.list.members.delete(m.id)
  m.id = newHash
  m.email_address = newEmail
  m.unique_email_id = randomHex(10)
  m.last_changed = apiTime()
  ctx.list.members.set(newHash, m)
  ctx.emit({ type: "upemail", old_email: oldEmail, new_email: newEmail, new_id: m.unique_email_id })
  ctx.emit({ type: "profile", member: snapshot(m) })
}

// ---------- the operations ----------

/** POST /lists/{list_id}/members */
export function addMember(ctx: MemberContext, body: Body): MemberRecord {
  const email = readEmail(body, true)!
  const status = readStatus(body, "status")
  if (!status) throw errors.invalidResource([{ field: "", message: "Required fields were not provided: status" }])
  const existing = ctx.list.members.get(memberHash(email))
  if (existing && existing.status !== "archived") throw errors.memberExists(email)
  if (existing) return restoreArchived(ctx, existing, status, body)
  return insertNew(ctx, email, status, body)
}

/** PUT /lists/{list_id}/members/{subscriber_hash}: add or update. */
export function upsertMember(ctx: MemberContext, hashParam: string, body: Body): { member: MemberRecord; created: boolean } {
  const hash = resolveHash(hashParam)
  const email = readEmail(body, true)!
  const status = readStatus(body, "status")
  const statusIfNew = readStatus(body, "status_if_new")
  const existing = ctx.list.members.get(hash)
  if (!existing) {
    if (memberHash(email) !== hash) {
      throw new ApiError(
        400,
        "Invalid Resource",
        "The subscriber hash in the URL does not match the email address in the request body.",
        [{ field: "email_address", message: `The subscriber hash of ${email} is ${memberHash(email)}, not ${hash}.` }]
      )
    }
    const initial = statusIfNew ?? status
    if (!initial) {
      throw errors.invalidResource([
        {
          field: "status_if_new",
          message: "This value is required when the email address is not already present on the list.",
        },
      ])
    }
    return { member: insertNew(ctx, email, initial, body), created: true }
  }
  if (existing.status === "archived") {
    const restored = status ?? statusIfNew
    if (!restored) {
      throw errors.invalidResource([
        { field: "status_if_new", message: "This value is required to restore an archived contact." },
      ])
    }
    if (email.toLowerCase() !== existing.email_address.toLowerCase()) {
      assertEmailFree(ctx.list, email)
      moveEmail(ctx, existing, email, false)
    }
    return { member: restoreArchived(ctx, existing, restored, body), created: false }
  }
  return { member: updateExisting(ctx, existing, body, status), created: false }
}

/** PATCH /lists/{list_id}/members/{subscriber_hash} */
export function updateMember(ctx: MemberContext, hashParam: string, body: Body): MemberRecord {
  const m = requireMember(ctx.list, hashParam)
  const status = readStatus(body, "status")
  if (m.status === "archived" && status) {
    const email = readEmail(body, false)
    if (email && email.toLowerCase() !== m.email_address.toLowerCase()) {
      assertEmailFree(ctx.list, email)
      moveEmail(ctx, m, email, false)
    }
    return restoreArchived(ctx, m, status, body)
  }
  return updateExisting(ctx, m, body, status)
}

/** DELETE /lists/{list_id}/members/{subscriber_hash}: archive. */
export function archiveMember(ctx: MemberContext, hashParam: string): void {
  const m = requireMember(ctx.list, hashParam)
  if (m.status === "archived") throw errors.notFound()
  const before = m.status
  m.status_before_archive = before
  m.status = "archived"
  m.last_changed = apiTime()
  if (before === "subscribed") {
    ctx.emit({ type: "unsubscribe", member: snapshot(m), action: "delete", reason: "manual" })
  }
}

/** POST …/actions/delete-permanent: gone for good, and the API may not add the address again. */
export function deletePermanently(ctx: MemberContext, hashParam: string): void {
  const m = requireMember(ctx.list, hashParam)
  ctx.list.members.delete(m.id)
  ctx.list.forgotten.add(m.id)
  if (m.status === "subscribed") {
    ctx.emit({ type: "unsubscribe", member: snapshot(m), action: "delete", reason: "manual" })
  }
}

// ---------- tags ----------

export function applyTags(list: ListRecord, m: MemberRecord, tags: Array<{ name: string; status: "active" | "inactive" }>): void {
  for (const t of tags) {
    const name = t.name.trim()
    const key = name.toLowerCase()
    if (t.status === "active") {
      if (m.tags.some((x) => x.name.toLowerCase() === key)) continue
      const id = ensureTag(list, name)
      // Tags are shared among the members that got them in the same second (intern.ts).
      // A new array of the exact length: a push would reserve room for 16 more tags on every member.
      m.tags = [...m.tags, internObject<MemberTag>({ id, name: list.segments.get(id)?.name ?? name, date_added: apiTime() })]
    } else {
      m.tags = m.tags.filter((x) => x.name.toLowerCase() !== key)
    }
  }
  m.last_changed = apiTime()
}

export function readTagsBody(body: Body): Array<{ name: string; status: "active" | "inactive" }> {
  if (!Array.isArray(body.tags)) {
    throw errors.invalidResource([{ field: "", message: "Required fields were not provided: tags" }])
  }
  return (body.tags as Body[]).map((t, i) => {
    if (!t || typeof t.name !== "string" || !t.name.trim()) {
      throw errors.invalidResource([{ field: `tags.${i}.name`, message: "Please provide a tag name." }])
    }
    if (t.status !== "active" && t.status !== "inactive") {
      throw errors.invalidResource([
        { field: `tags.${i}.status`, message: "Value is not one of enum values: inactive, active" },
      ])
    }
    return { name: t.name, status: t.status }
  })
}

// ---------- batch subscribe ----------

export interface BatchResult {
  new_members: MemberRecord[]
  updated_members: MemberRecord[]
  errors: Array<{ email_address: string; error: string; error_code: string; field: string; field_message: string }>
}

/** POST /lists/{list_id}: Mailchimp's batch subscribe (at most 500 members). */
export function batchSubscribe(ctx: MemberContext, body: Body, opts: { skipDuplicateCheck: boolean }): BatchResult {
  const members = body.members
  if (!Array.isArray(members)) {
    throw errors.invalidResource([{ field: "", message: "Required fields were not provided: members" }])
  }
  if (members.length > 500) {
    throw errors.invalidResource(
      [{ field: "members", message: "You may not send more than 500 members in one batch subscribe request." }],
      `You may not send more than 500 members in one request; this one holds ${members.length}.`
    )
  }
  const allowUpdate = body.update_existing === true
  const result: BatchResult = { new_members: [], updated_members: [], errors: [] }
  const seen = new Set<string>()
  members.forEach((raw: unknown, index: number) => {
    const item = (raw && typeof raw === "object" ? raw : {}) as Body
    const email = typeof item.email_address === "string" ? item.email_address : ""
    const fail = (e: unknown, code = "ERROR_GENERIC") => {
      const err = e instanceof ApiError ? e : errors.internal()
      const first = err.errors?.[0]
      result.errors.push({
        email_address: email,
        error: first && err.title === "Invalid Resource" && err.detail.startsWith("Your merge") ? `${err.detail} ${first.field}: ${first.message}` : err.detail,
        error_code: code,
        field: first?.field ?? "",
        field_message: first?.message ?? "",
      })
    }
    try {
      const address = readEmail(item, true)!
      const hash = memberHash(address)
      if (seen.has(hash) && !opts.skipDuplicateCheck) {
        fail(new ApiError(400, "Invalid Resource", `${address} appears more than once in this request (members.${index}).`))
        return
      }
      seen.add(hash)
      const existing = ctx.list.members.get(hash)
      if (existing && existing.status !== "archived") {
        if (!allowUpdate) {
          fail(
            new ApiError(
              400,
              "Member Exists",
              `${address} is already a list member, do you want to update? please provide update_existing:true in the request body`
            ),
            "ERROR_CONTACT_EXISTS"
          )
          return
        }
        const { email_address: _ignored, ...rest } = item
        result.updated_members.push(updateExisting(ctx, existing, rest, readStatus(rest, "status")))
        return
      }
      const status = readStatus(item, "status")
      if (!status) throw errors.invalidResource([{ field: "status", message: "Required fields were not provided: status" }])
      if (existing) result.new_members.push(restoreArchived(ctx, existing, status, item))
      else result.new_members.push(insertNew(ctx, address, status, item))
    } catch (e) {
      fail(e)
    }
  })
  return result
}
