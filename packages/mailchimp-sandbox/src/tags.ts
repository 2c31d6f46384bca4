import { apiTime } from "./time"
import { memberKeys } from "./member-summary"
import type { ListRecord, MemberRecord } from "./types"

/**
 * The id of a tag, created when new. Mailchimp keeps a tag and a static segment as one thing: a new tag is also a
 * static segment of the audience, with the tag's id.
 */
export function ensureTag(list: ListRecord, name: string): number {
  const key = name.trim().toLowerCase()
  const known = list.tag_ids.get(key)
  if (known !== undefined) return known
  const id = list.next_tag_id
  list.next_tag_id += 1
  list.tag_ids.set(key, id)
  const now = apiTime()
  list.segments.set(id, { id, name: name.trim(), created_at: now, updated_at: now })
  return id
}

/** Members holding the tag (the static segment's members), archived ones included. */
export function taggedMembers(list: ListRecord, tagId: number): MemberRecord[] {
  return memberKeys(list.members, (s) => s.tagIds.has(tagId)).map((key) => list.members.peek(key)!)
}
