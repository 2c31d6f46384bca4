import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../../../types/mailchimp-segments-module"
import { createSegmentWorkflow } from "../../../../workflows/segments/create-segment"
import { segmentViews } from "./segment-view"
import type { AdminCreateSegmentType, AdminListSegmentsType } from "./validators"
import type { AdminSegmentListResponse, AdminSegmentResponse } from "../../../../types/http"

/** Segments with their member counts and the state of their Mailchimp copy, newest first. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminSegmentListResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const { limit, offset } = req.validatedQuery as AdminListSegmentsType
  const [rows, count] = await service.listAndCountSegments({}, { take: limit, skip: offset, order: { created_at: "DESC" } })
  res.json({ segments: await segmentViews(service, rows), count, limit, offset })
}

/** Creates a segment: stored, evaluated now (its member count answered) and its Mailchimp sync queued. */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateSegmentType>, res: MedusaResponse<AdminSegmentResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const { name, match, conditions } = req.validatedBody
  const { result } = await createSegmentWorkflow(req.scope).run({ input: { name, match: match ?? "all", conditions } })
  const [segment] = await segmentViews(service, [await service.retrieveSegment(result.id)])
  res.status(201).json({ segment })
}
