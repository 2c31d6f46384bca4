/**
 * Static segments. In Mailchimp a static segment and a tag are the same thing: the segment's members are the
 * contacts holding the tag, whatever their status. An unsubscribed contact stays in the segment; campaigns send
 * to its subscribed members only.
 */
import { internObject } from "./intern"
import { SEGMENT_MAX_MEMBERS } from "./constants"
import { isValidEmail, memberHash } from "./hash"
import { countMembers, memberKeys } from "./member-summary"
import { applyTags, requireMember } from "./members"
import { ApiError, errors } from "./problems"
import { ensureTag, taggedMembers } from "./tags"
import { apiTime } from "./time"
import type { ListRecord, MemberRecord, MemberStatus, SegmentRecord } from "./types"

type Body = Record<string, unknown>

export interface IncludeStatuses {
  include_cleaned?: boolean
  include_transactional?: boolean
  include_unsubscribed?: boolean
}

export function requireSegment(list: ListRecord, id: string): SegmentRecord {
  const segment = /^\d+$/.test(id) ? list.segments.get(Number(id)) : undefined
  if (!segment) throw errors.notFound()
  return segment
}

/** Who GET …/segments/{id}/members shows: subscribed and pending always, the others when asked for. */
function shown(status: MemberStatus, include: IncludeStatuses): boolean {
  switch (status) {
    case "archived":
      return false
    case "cleaned":
      return !!include.include_cleaned
    case "transactional":
      return !!include.include_transactional
    case "unsubscribed":
      return !!include.include_unsubscribed
    default:
      return true
  }
}

/** The keys of the members GET …/segments/{id}/members shows, none decoded. */
export function segmentMemberKeys(list: ListRecord, segment: SegmentRecord, include: IncludeStatuses = {}): string[] {
  return memberKeys(list.members, (s) => s.tagIds.has(segment.id) && shown(s.status, include))
}

export function segmentView(list: ListRecord, segment: SegmentRecord, include: IncludeStatuses = {}): Record<string, unknown> {
  return {
    id: segment.id,
    name: segment.name,
    member_count: countMembers(list.members, (s) => s.tagIds.has(segment.id) && shown(s.status, include)),
    type: "static",
    created_at: segment.created_at,
    updated_at: segment.updated_at,
    list_id: list.id,
    _links: [],
  }
}

function readName(body: Body): string {
  if (typeof body.name !== "string" || !body.name.trim()) {
    throw errors.invalidResource([{ field: "name", message: "Required fields were not provided: name" }])
  }
  return body.name.trim()
}

function readEmails(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw errors.invalidResource([{ field, message: "Schema describes array of strings" }])
  }
  if (value.length > SEGMENT_MAX_MEMBERS) {
    throw errors.invalidResource(
      [{ field, message: `At most ${SEGMENT_MAX_MEMBERS} addresses per call.` }],
      `You may not send more than ${SEGMENT_MAX_MEMBERS} addresses in ${field}; this request holds ${value.length}.`
    )
  }
  return value as string[]
}

function assertNameFree(list: ListRecord, name: string, except?: SegmentRecord): void {
  const owner = list.tag_ids.get(name.toLowerCase())
  if (owner !== undefined && owner !== except?.id) {
    throw new ApiError(400, "Invalid Resource", `A segment or tag named "${name}" exists already.`, [
      { field: "name", message: `A segment or tag named "${name}" exists already.` },
    ])
  }
}

function refuseConditions(body: Body): void {
  if (body.options !== undefined) {
    throw new ApiError(
      400,
      "Invalid Resource",
      "The Mailchimp sandbox keeps static segments only (static_segment); saved segments with conditions are not supported.",
      [{ field: "options", message: "Saved segments (conditions) are not supported by the sandbox." }]
    )
  }
}

/** The audience members of `emails` (others are ignored, as Mailchimp does for static_segment). */
function membersOf(list: ListRecord, emails: string[]): MemberRecord[] {
  const out: MemberRecord[] = []
  for (const email of emails) {
    const m = list.members.get(memberHash(email))
    if (m && m.status !== "archived" && !out.includes(m)) out.push(m)
  }
  return out
}

function setMembership(list: ListRecord, segment: SegmentRecord, members: MemberRecord[]): void {
  const keep = new Set(members.map((m) => m.id))
  for (const m of taggedMembers(list, segment.id)) {
    if (keep.has(m.id)) continue
    applyTags(list, m, [{ name: segment.name, status: "inactive" }])
    list.members.set(m.id, m)
  }
  for (const m of members) applyTags(list, m, [{ name: segment.name, status: "active" }])
}

/** POST /lists/{list_id}/segments: a static segment, holding the audience members among `static_segment`. */
export function createSegment(list: ListRecord, body: Body): SegmentRecord {
  const name = readName(body)
  refuseConditions(body)
  if (body.static_segment === undefined) {
    throw errors.invalidResource([
      { field: "static_segment", message: "Provide static_segment (an empty array makes an empty static segment)." },
    ])
  }
  const emails = readEmails(body.static_segment, "static_segment")
  assertNameFree(list, name)
  const segment = list.segments.get(ensureTag(list, name))!
  setMembership(list, segment, membersOf(list, emails))
  return segment
}

/** PATCH …/segments/{segment_id}: a new name renames the tag; static_segment replaces the members. */
export function updateSegment(list: ListRecord, segment: SegmentRecord, body: Body): SegmentRecord {
  const name = readName(body)
  refuseConditions(body)
  const emails = body.static_segment === undefined ? undefined : readEmails(body.static_segment, "static_segment")
  if (name !== segment.name) {
    assertNameFree(list, name, segment)
    list.tag_ids.delete(segment.name.toLowerCase())
    list.tag_ids.set(name.toLowerCase(), segment.id)
    segment.name = name
    for (const m of taggedMembers(list, segment.id)) {
      m.tags = m.tags.map((t) => (t.id === segment.id ? internObject({ ...t, name }) : t))
      list.members.set(m.id, m)
    }
  }
  if (emails) setMembership(list, segment, membersOf(list, emails))
  segment.updated_at = apiTime()
  return segment
}

/** DELETE …/segments/{segment_id}: the tag leaves every member. */
export function deleteSegment(list: ListRecord, segment: SegmentRecord): void {
  for (const m of taggedMembers(list, segment.id)) {
    m.tags = m.tags.filter((t) => t.id !== segment.id)
    list.members.set(m.id, m)
  }
  list.segments.delete(segment.id)
  list.tag_ids.delete(segment.name.toLowerCase())
}

export interface SegmentChange {
  added: MemberRecord[]
  removed: MemberRecord[]
  errors: Array<{ email_addresses: string[]; error: string }>
}

/**
 * POST …/segments/{segment_id}: members_to_add and members_to_remove, at most 500 each. Only audience members can
 * be added; other addresses, and removals of addresses not in the segment, come back in `errors`.
 */
export function changeSegmentMembers(list: ListRecord, segment: SegmentRecord, body: Body): SegmentChange {
  const toAdd = body.members_to_add === undefined ? [] : readEmails(body.members_to_add, "members_to_add")
  const toRemove = body.members_to_remove === undefined ? [] : readEmails(body.members_to_remove, "members_to_remove")
  const change: SegmentChange = { added: [], removed: [], errors: [] }
  const notMembers: string[] = []
  const invalid: string[] = []
  const notInSegment: string[] = []
  const holds = (m: MemberRecord) => m.tags.some((t) => t.id === segment.id)
  for (const email of toAdd) {
    if (!isValidEmail(email)) {
      invalid.push(email)
      continue
    }
    const m = list.members.get(memberHash(email))
    if (!m || m.status === "archived") {
      notMembers.push(email)
      continue
    }
    if (!holds(m)) {
      applyTags(list, m, [{ name: segment.name, status: "active" }])
      change.added.push(m)
    }
  }
  for (const email of toRemove) {
    const m = list.members.get(memberHash(email))
    if (!m || !holds(m)) {
      notInSegment.push(email)
      continue
    }
    applyTags(list, m, [{ name: segment.name, status: "inactive" }])
    change.removed.push(m)
  }
  if (invalid.length) change.errors.push({ email_addresses: invalid, error: "Please provide a valid email address." })
  if (notMembers.length) change.errors.push({ email_addresses: notMembers, error: "Email addresses are not members of this audience." })
  if (notInSegment.length) change.errors.push({ email_addresses: notInSegment, error: "Email addresses are not in this segment." })
  if (change.added.length || change.removed.length) segment.updated_at = apiTime()
  return change
}

/** POST …/segments/{segment_id}/members: one audience member in. */
export function addSegmentMember(list: ListRecord, segment: SegmentRecord, body: Body): MemberRecord {
  if (!isValidEmail(body.email_address)) {
    throw errors.invalidResource([{ field: "email_address", message: "Please provide a valid email address." }])
  }
  const m = list.members.get(memberHash(body.email_address))
  if (!m || m.status === "archived") {
    throw errors.invalidResource([{ field: "email_address", message: `${body.email_address} is not a member of this audience.` }])
  }
  applyTags(list, m, [{ name: segment.name, status: "active" }])
  segment.updated_at = apiTime()
  return m
}

/** DELETE …/segments/{segment_id}/members/{subscriber_hash} */
export function removeSegmentMember(list: ListRecord, segment: SegmentRecord, hashOrEmail: string): void {
  const m = requireMember(list, hashOrEmail)
  if (!m.tags.some((t) => t.id === segment.id)) throw errors.notFound()
  applyTags(list, m, [{ name: segment.name, status: "inactive" }])
  segment.updated_at = apiTime()
}
