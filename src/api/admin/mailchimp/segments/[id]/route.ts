import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../../modules/mailchimp-segments"
import type MailchimpSegmentsService from "../../../../../modules/mailchimp-segments/service"
import { deleteSegmentWorkflow } from "../../../../../workflows/segments/delete-segment"
import { updateSegmentWorkflow } from "../../../../../workflows/segments/update-segment"
import { segmentViews } from "../segment-view"
import type { AdminUpdateSegmentType } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = req.scope.resolve<MailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const [segment] = await segmentViews(service, [await service.retrieveSegment(req.params.id)])
  res.json({ segment })
}

/** Renames a segment or changes its conditions: re-evaluated now, the difference queued for Mailchimp. */
export async function POST(req: AuthenticatedMedusaRequest<AdminUpdateSegmentType>, res: MedusaResponse) {
  const service = req.scope.resolve<MailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  await service.retrieveSegment(req.params.id)
  await updateSegmentWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  const [segment] = await segmentViews(service, [await service.retrieveSegment(req.params.id)])
  res.json({ segment })
}

/** Deletes a segment; its Mailchimp copy is deleted by a queued job. */
export async function DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { result } = await deleteSegmentWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.status(202).json({ id: result.id, object: "mailchimp_segment", deleted: true })
}
