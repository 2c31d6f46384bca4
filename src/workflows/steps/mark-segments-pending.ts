import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../types/mailchimp-segments-module"

/** Which segments to sync (the given ones, or all) and marks them pending. */
export const markSegmentsPendingStep = createStep(
  "mark-mailchimp-segments-pending",
  async ({ ids }: { ids?: string[] }, { container }) => {
    const segments = container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
    const rows = await segments.listSegments(ids ? { id: ids } : {}, { select: ["id"] })
    if (rows.length) await segments.updateSegments(rows.map((r) => ({ id: r.id, sync_status: "pending" as const })))
    return new StepResponse(rows.map((r) => r.id))
  }
)
