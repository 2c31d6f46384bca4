import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../../../../types/mailchimp-segments-module"
import { deleteSegmentWorkflow } from "../../../../../workflows/segments/delete-segment"
import { updateSegmentWorkflow } from "../../../../../workflows/segments/update-segment"
import { segmentViews } from "../segment-view"
import type { AdminUpdateSegmentType } from "../validators"
import type { AdminSegmentDeleteResponse, AdminSegmentResponse } from "../../../../../types/http"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminSegmentResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const [segment] = await segmentViews(service, [await service.retrieveSegment(req.params.id)])
  res.json({ segment })
}

/** Renames a segment or changes its conditions: re-evaluated now, the difference queued for Mailchimp. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateSegmentType>, res: MedusaResponse<AdminSegmentResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  await service.retrieveSegment(req.params.id)
  await updateSegmentWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  const [segment] = await segmentViews(service, [await service.retrieveSegment(req.params.id)])
  res.json({ segment })
}

/** Deletes a segment; its Mailchimp copy is deleted by a queued job. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminSegmentDeleteResponse>) {
  const { result } = await deleteSegmentWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.status(202).json({ id: result.id, object: "mailchimp_segment", deleted: true })
}
