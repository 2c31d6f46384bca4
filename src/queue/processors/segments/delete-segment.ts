import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { isNotFound } from "../describe-error"
import { audienceOf, segmentsContext } from "./context"

/** segments.delete: a deleted segment's Mailchimp copy deleted (gone already is fine), then its rows. */
export async function deleteSegment(payload: JobPayload<"segments.delete">, base: ProcessorContext) {
  const ctx = segmentsContext(base)
  const [segment] = await ctx.segments.listSegments({ id: payload.segment_id }, { take: 1, withDeleted: true })
  if (!segment) return { skipped: "no such segment" }
  if (!segment.deleted_at) return { skipped: "segment restored" }
  if (segment.mailchimp_segment_id) {
    await ctx.client.segments.delete(audienceOf(ctx, segment), segment.mailchimp_segment_id).catch((e) => {
      if (!isNotFound(e)) throw e
    })
  }
  await ctx.segments.purgeSegment(segment.id)
  return { deleted: segment.mailchimp_segment_id }
}
