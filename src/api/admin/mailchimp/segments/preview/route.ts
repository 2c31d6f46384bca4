import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { pluginAudience } from "../../audience-in-use"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../../../../types/mailchimp-segments-module"
import type { AdminPreviewSegmentType } from "../validators"
import type { AdminSegmentPreviewResponse } from "../../../../../types/http"

/** How many members of the audience (default the plugin's) conditions select, and ten of them; nothing is stored. */
export async function POST(req: AuthenticatedMedusaRequest<AdminPreviewSegmentType>, res: MedusaResponse<AdminSegmentPreviewResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const { audience_id, match, conditions } = req.validatedBody
  const preview = await service.preview({ match: match ?? "all", conditions }, audience_id ?? pluginAudience(req), 10)
  res.json({ preview })
}
