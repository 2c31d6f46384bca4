import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../../types/mailchimp-module"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../../../../types/mailchimp-segments-module"
import type { AdminPreviewSegmentType } from "../validators"
import type { AdminSegmentPreviewResponse } from "../../../../../types/http"

/** How many members conditions select, and ten of them; nothing is stored. */
export async function POST(req: AuthenticatedMedusaRequest<AdminPreviewSegmentType>, res: MedusaResponse<AdminSegmentPreviewResponse>) {
  const service = req.scope.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const audienceId = req.scope.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getOptions().audienceId
  const { match, conditions } = req.validatedBody
  const preview = await service.preview({ match: match ?? "all", conditions }, audienceId, 10)
  res.json({ preview })
}
