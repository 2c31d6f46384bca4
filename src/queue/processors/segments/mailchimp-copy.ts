import { SEGMENT_MEMBERS_LIMIT } from "../../../mailchimp"
import { isNotFound } from "../describe-error"
import type { ClaimedChange } from "../../../types/mailchimp-segments-module"
import { audienceOf, type SegmentsContext } from "./context"

type SegmentRow = { id: string; name: string; audience_id: string | null; mailchimp_segment_id: string | null; mailchimp_name: string | null }

/**
 * The segment's static segment in Mailchimp, in the segment's audience, created once (its id is stored); renamed when the
 * segment was. A retry after a lost answer finds the copy made by the first attempt by its name
 * instead of making a second one.
 */
export async function ensureMailchimpCopy(ctx: SegmentsContext, segment: SegmentRow): Promise<string> {
  const list = audienceOf(ctx, segment)
  if (segment.mailchimp_segment_id) {
    if (segment.mailchimp_name !== segment.name) {
      try {
        await ctx.client.segments.update(list, segment.mailchimp_segment_id, { name: segment.name })
      } catch (e) {
        if (!isNotFound(e)) throw e
        // The copy was deleted in Mailchimp: made again under the new name, with every member.
        await forgetCopy(ctx, segment)
        return ensureMailchimpCopy(ctx, segment)
      }
      await ctx.segments.updateSegments({ id: segment.id, mailchimp_name: segment.name })
      segment.mailchimp_name = segment.name
    }
    return segment.mailchimp_segment_id
  }
  let id: string | null = null
  if (ctx.attempt > 1) {
    const page = await ctx.client.segments.list(list, { type: "static", count: 1000 })
    const found = page.segments.find((s) => s.name === segment.name)
    if (found) id = String(found.id)
  }
  if (!id) id = String((await ctx.client.segments.createStatic(list, segment.name, [])).id)
  await ctx.segments.updateSegments({ id: segment.id, mailchimp_segment_id: id, mailchimp_name: segment.name })
  segment.mailchimp_segment_id = id
  segment.mailchimp_name = segment.name
  return id
}

export type PushResult = { calls: number; added: number; removed: number; refused: number }

/**
 * Calls a sync keeps in flight at once. One at a time, a 1M-member segment is 2,000 calls end to
 * end; each lane claims its own rows (one claim at a time per segment), so lanes never send the same address, and the
 * client's connection permits still bound what all workers send together.
 */
export const PUSH_LANES = 4

/**
 * Sends what Mailchimp's copy lacks: additions and removals claimed `pageSize` at a time (500,
 * Mailchimp's limit per call), one call each (`members_to_add` / `members_to_remove`), recorded as
 * they succeed, in up to PUSH_LANES calls at once. Nothing but the claimed page is held in memory:
 * the difference lives in Postgres (in_segment ≠ in_mailchimp). A copy deleted in Mailchimp is made
 * again (once every lane has stopped, so no late answer marks an address as in the old copy) and
 * every member sent to it.
 */
export async function pushChanges(
  ctx: SegmentsContext,
  segment: SegmentRow,
  opts: { pageSize?: number; lanes?: number } = {}
): Promise<PushResult> {
  const pageSize = Math.min(opts.pageSize ?? SEGMENT_MEMBERS_LIMIT, SEGMENT_MEMBERS_LIMIT)
  const result: PushResult = { calls: 0, added: 0, removed: 0, refused: 0 }
  let remoteId = await ensureMailchimpCopy(ctx, segment)
  for (let recreated = false; ; recreated = true) {
    let stop = false
    let gone: unknown = null
    const lane = async () => {
      while (!stop) {
        const { add, remove } = await ctx.segments.claimChanges(segment.id, pageSize)
        if (!add.length && !remove.length) return
        try {
          await sendPage(ctx, segment, remoteId, add, remove, result)
        } catch (e) {
          stop = true
          if (!isNotFound(e)) throw e
          gone = e
        }
      }
    }
    const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, opts.lanes ?? PUSH_LANES) }, lane))
    const failed = lanes.find((l): l is PromiseRejectedResult => l.status === "rejected")
    if (failed) throw failed.reason
    if (!gone) return result
    if (recreated) throw gone
    await forgetCopy(ctx, segment)
    remoteId = await ensureMailchimpCopy(ctx, segment)
  }
}

/** One members call for a claimed page, and what it did recorded; the claims are given back when it fails. */
async function sendPage(ctx: SegmentsContext, segment: SegmentRow, remoteId: string, add: ClaimedChange[], remove: ClaimedChange[], result: PushResult) {
  const body: { members_to_add?: string[]; members_to_remove?: string[] } = {}
  if (add.length) body.members_to_add = add.map((r) => r.email)
  if (remove.length) body.members_to_remove = remove.map((r) => r.email)
  let answer
  try {
    answer = await ctx.client.segments.changeMembers(audienceOf(ctx, segment), remoteId, body)
    result.calls++
  } catch (e) {
    await ctx.segments.releaseClaims([...add, ...remove].map((r) => r.id))
    throw e
  }
  // Mailchimp names refused addresses in `errors` (not a member, …); removals of an address
  // that is not in the segment leave it out all the same.
  const refusedBy = new Map<string, string>()
  for (const err of answer.errors ?? []) for (const email of err.email_addresses ?? []) refusedBy.set(email.toLowerCase(), err.error)
  const added = add.filter((r) => !refusedBy.has(r.email))
  const refused = add.filter((r) => refusedBy.has(r.email))
  const byError = new Map<string, string[]>()
  for (const r of refused) byError.set(refusedBy.get(r.email)!, [...(byError.get(refusedBy.get(r.email)!) ?? []), r.id])
  await ctx.segments.settleChanges({
    added: added.map((r) => r.id),
    refused: [...byError].map(([error, ids]) => ({ error, ids })),
    removed: remove.map((r) => r.id),
  })
  result.added += added.length
  result.refused += refused.length
  result.removed += remove.length
}

/** Mailchimp no longer has the segment's copy: every member is to be sent to the one made next. */
async function forgetCopy(ctx: SegmentsContext, segment: SegmentRow): Promise<void> {
  ctx.logger.warn(`medusa-mailchimp: segment ${segment.id}'s Mailchimp copy ${segment.mailchimp_segment_id} is gone; making it again`)
  await ctx.segments.forgetMailchimpCopy(segment.id)
  segment.mailchimp_segment_id = null
  segment.mailchimp_name = null
}
