import { MAILCHIMP_SEGMENTS_MODULE } from "../../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../../types/mailchimp-segments-module"
import type { ProcessorContext } from "../context"

/** `audienceId` is the plugin's: the audience of segments that name none (`audienceOf`). */
export type SegmentsContext = ProcessorContext & { segments: IMailchimpSegmentsService; audienceId: string }

/** The processor context plus the segments module and the plugin's audience. */
export function segmentsContext(ctx: ProcessorContext): SegmentsContext {
  return { ...ctx, segments: ctx.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE), audienceId: ctx.options.audienceId }
}

/** The audience a segment is evaluated in and its Mailchimp copy lives in. */
export function audienceOf(ctx: SegmentsContext, segment: { audience_id?: string | null }): string {
  return ctx.segments.audienceOf(segment, ctx.audienceId)
}

/** A live (not deleted) segment, or null. */
export async function liveSegment(ctx: SegmentsContext, segmentId: string) {
  const [segment] = await ctx.segments.listSegments({ id: segmentId }, { take: 1 })
  return segment ?? null
}
