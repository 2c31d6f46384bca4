import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../../../../../types/mailchimp-segments-module"
import { syncSegmentsWorkflow } from "../../../../../../workflows/segments/sync-segments"
import { pluginAudience } from "../../../audience-in-use"
import { segmentViews } from "../../segment-view"
import type { AdminSegmentSyncResponse } from "../../../../../../types/http"

/** Syncs a segment now: evaluated in full and only the difference sent, through the queue. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminSegmentSyncResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  await service.retrieveSegment(req.params.id)
  const { result } = await syncSegmentsWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  const [segment] = await segmentViews(service, [await service.retrieveSegment(req.params.id)], pluginAudience(req))
  res.status(202).json({ segment, queued: result.queued[0] })
}
