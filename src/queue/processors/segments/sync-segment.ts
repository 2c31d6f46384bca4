import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { describeError, isFinal } from "../describe-error"
import { liveSegment, segmentsContext, SegmentsContext } from "./context"
import { pushChanges } from "./mailchimp-copy"

/** Sends a segment's difference and records the sync's outcome on the segment. */
export async function syncAndRecord(ctx: SegmentsContext, segmentId: string, evaluate: boolean) {
  const segment = await liveSegment(ctx, segmentId)
  if (!segment) return { skipped: "no such segment (deleted)" }
  try {
    const evaluation = evaluate ? await ctx.segments.evaluateSegment(segment.id, ctx.audienceId) : null
    const pushed = await pushChanges(ctx, segment)
    await ctx.segments.updateSegments({ id: segment.id, sync_status: "synced", last_synced_at: new Date(), error: null })
    return { evaluation, ...pushed }
  } catch (e) {
    if (isFinal(e) || ctx.isLastAttempt) {
      await ctx.segments.updateSegments({ id: segment.id, sync_status: "failed", error: describeError(e) })
    }
    throw e
  }
}

/** segments.sync: the segment evaluated over everyone, then only the difference sent to Mailchimp. */
export async function syncSegment(payload: JobPayload<"segments.sync">, base: ProcessorContext) {
  return syncAndRecord(segmentsContext(base), payload.segment_id, true)
}

/** segments.push: only the difference already recorded (one address re-evaluated) sent to Mailchimp. */
export async function pushSegment(payload: JobPayload<"segments.push">, base: ProcessorContext) {
  return syncAndRecord(segmentsContext(base), payload.segment_id, false)
}
