/**
 * What counts over a whole audience need of each member (status and tag ids), kept beside its deflated record
 * (compact-map.ts) so that list stats, segment counts and pages do not decode a million members per request.
 */
import { CompactMap } from "./compact-map"
import type { MemberRecord, MemberStatus } from "./types"

export interface MemberSummary {
  status: MemberStatus
  tagIds: ReadonlySet<number>
}

export function summarizeMember(m: MemberRecord): string {
  return m.tags.length ? `${m.status}|${m.tags.map((t) => t.id).join(",")}` : m.status
}

/** Parsed once per distinct summary string (there are few). */
const parsed = new Map<string, MemberSummary>()

export function readSummary(summary: string): MemberSummary {
  let out = parsed.get(summary)
  if (!out) {
    const [status, tags] = summary.split("|")
    out = { status: status as MemberStatus, tagIds: new Set(tags ? tags.split(",").map(Number) : []) }
    if (parsed.size > 10_000) parsed.clear()
    parsed.set(summary, out)
  }
  return out
}

export function newMemberMap(): CompactMap<MemberRecord> {
  return new CompactMap<MemberRecord>({ summarize: summarizeMember })
}

/** The keys of the members whose summary passes `test`, in the audience's order, none decoded. */
export function memberKeys(members: CompactMap<MemberRecord>, test: (s: MemberSummary) => boolean): string[] {
  const out: string[] = []
  for (const [key, summary] of members.summaries()) if (test(readSummary(summary))) out.push(key)
  return out
}

/** How many members pass `test`, none decoded. */
export function countMembers(members: CompactMap<MemberRecord>, test: (s: MemberSummary) => boolean): number {
  let n = 0
  for (const [, summary] of members.summaries()) if (test(readSummary(summary))) n += 1
  return n
}
