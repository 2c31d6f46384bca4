import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../../../modules/mailchimp-segments"
import type MailchimpSegmentsService from "../../../../../../modules/mailchimp-segments/service"
import { syncSegmentsWorkflow } from "../../../../../../workflows/segments/sync-segments"
import { segmentViews } from "../../segment-view"

/** Syncs a segment now: evaluated in full and only the difference sent, through the queue. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service = req.scope.resolve<MailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  await service.retrieveSegment(req.params.id)
  const { result } = await syncSegmentsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  const [segment] = await segmentViews(service, [await service.retrieveSegment(req.params.id)])
  res.status(202).json({ segment, queued: result.queued[0] })
}
