import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../../../types/mailchimp-segments-module"
import { createSegmentWorkflow } from "../../../../workflows/segments/create-segment"
import { audiencesOf, pluginAudience } from "../audience-in-use"
import { segmentViews } from "./segment-view"
import type { AdminCreateSegmentType, AdminListSegmentsType } from "./validators"
import type { AdminSegmentListResponse, AdminSegmentResponse } from "../../../../types/http"

/** Segments with their member counts and the state of their Mailchimp copy, newest first; the audiences in use. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminSegmentListResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const { limit, offset } = req.validatedQuery as AdminListSegmentsType
  const [rows, count] = await service.listAndCountSegments({}, { take: limit, skip: offset, order: { created_at: "DESC" } })
  res.json({ segments: await segmentViews(service, rows, pluginAudience(req)), count, limit, offset, audience_ids: audiencesOf(req) })
}

/** Creates a segment (in `audience_id`, default the plugin's audience): stored, evaluated now (its member count answered) and its Mailchimp sync queued. */
export async function POST(req: AuthenticatedMedusaRequest<AdminCreateSegmentType>, res: MedusaResponse<AdminSegmentResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const { name, audience_id, match, conditions } = req.validatedBody
  const { result } = await createSegmentWorkflow(req.scope).run({ input: { name, audience_id, match: match ?? "all", conditions } })
  const [segment] = await segmentViews(service, [await service.retrieveSegment(result.id)], pluginAudience(req))
  res.status(201).json({ segment })
}
