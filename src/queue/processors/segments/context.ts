import { MAILCHIMP_SEGMENTS_MODULE } from "../../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../../types/mailchimp-segments-module"
import type { ProcessorContext } from "../context"

export type SegmentsContext = ProcessorContext & { segments: IMailchimpSegmentsService; audienceId: string }

/** The processor context plus the segments module and the audience the segments live in. */
export function segmentsContext(ctx: ProcessorContext): SegmentsContext {
  return { ...ctx, segments: ctx.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE), audienceId: ctx.options.audienceId }
}

/** A live (not deleted) segment, or null. */
export async function liveSegment(ctx: SegmentsContext, segmentId: string) {
  const [segment] = await ctx.segments.listSegments({ id: segmentId }, { take: 1 })
  return segment ?? null
}
