import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../../../../types/mailchimp-segments-module"
import { deleteSegmentWorkflow } from "../../../../../workflows/segments/delete-segment"
import { updateSegmentWorkflow } from "../../../../../workflows/segments/update-segment"
import { MedusaError } from "@medusajs/framework/utils"
import { pluginAudience } from "../../audience-in-use"
import { segmentViews } from "../segment-view"
import type { AdminUpdateSegmentType } from "../validators"
import type { AdminSegmentDeleteResponse, AdminSegmentResponse } from "../../../../../types/http"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminSegmentResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const [segment] = await segmentViews(service, [await service.retrieveSegment(req.params.id)], pluginAudience(req))
  res.json({ segment })
}

/**
 * Renames a segment or changes its conditions: re-evaluated now, the difference queued for Mailchimp. Its audience
 * changes only while it has no Mailchimp copy: a static segment lives in its audience for good.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateSegmentType>, res: MedusaResponse<AdminSegmentResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const current = await service.retrieveSegment(req.params.id)
  const { audience_id } = req.validatedBody
  if (audience_id && audience_id !== service.audienceOf(current, pluginAudience(req)) && current.mailchimp_segment_id) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `audience_id: the segment's static segment is in audience ${service.audienceOf(current, pluginAudience(req))} in Mailchimp, where it stays: create a new segment for another audience`
    )
  }
  await updateSegmentWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  const [segment] = await segmentViews(service, [await service.retrieveSegment(req.params.id)], pluginAudience(req))
  res.json({ segment })
}

/** Deletes a segment; its Mailchimp copy is deleted by a queued job. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminSegmentDeleteResponse>) {
  const { result } = await deleteSegmentWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.status(202).json({ id: result.id, object: "mailchimp_segment", deleted: true })
}
