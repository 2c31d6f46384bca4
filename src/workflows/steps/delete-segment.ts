import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../types/mailchimp-segments-module"

/**
 * Takes a segment out of the store (soft delete: it is gone from every read and evaluation);
 * the job that deletes its Mailchimp copy removes it for good. Undone by restoring it.
 */
export const softDeleteSegmentStep = createStep(
  "soft-delete-mailchimp-segment",
  async ({ id }: { id: string }, { container }) => {
    const segments = container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
    await segments.retrieveSegment(id)
    await segments.softDeleteSegments(id)
    return new StepResponse({ id }, id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE).restoreSegments(id)
  }
)
