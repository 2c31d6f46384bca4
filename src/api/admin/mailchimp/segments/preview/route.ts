import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../../modules/mailchimp"
import type MailchimpModuleService from "../../../../../modules/mailchimp/service"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../../../../modules/mailchimp-segments"
import type MailchimpSegmentsService from "../../../../../modules/mailchimp-segments/service"
import type { AdminPreviewSegmentType } from "../validators"

/** How many members conditions select, and ten of them; nothing is stored. */
export async function POST(req: AuthenticatedMedusaRequest<AdminPreviewSegmentType>, res: MedusaResponse) {
  const service = req.scope.resolve<MailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE)
  const audienceId = req.scope.resolve<MailchimpModuleService>(MAILCHIMP_MODULE).getOptions().audienceId
  const { match, conditions } = req.validatedBody
  const preview = await service.preview({ match: match ?? "all", conditions }, audienceId, 10)
  res.json({ preview })
}
