import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import { problemOf } from "../mailchimp-reads"
import type { AdminMailchimpInterestsResponse, ErrorResponse } from "../../../../types/http"

/**
 * The audience's interest categories, which of them shoppers are offered, and the marketing permissions offered
 * with Mailchimp's texts, or why none is (no GDPR fields; no member yet to read them from).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpInterestsResponse | ErrorResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const options = service.getOptions()
  try {
    const [{ categories }, offer] = await Promise.all([
      service.getClient().interests.listCategories(options.audienceId, { count: 1000 }),
      service.getOptInOffer(),
    ])
    res.json({
      interests: {
        audience_id: options.audienceId,
        categories: categories.map((c) => ({ id: c.id, title: c.title, type: c.type, offered: options.interestCategories.includes(c.id) })),
        missing_categories: offer.missing_categories,
        marketing_permissions: offer.marketing_permissions,
        marketing_permissions_note: offer.marketing_permissions_note,
      },
    })
  } catch (e) {
    const problem = problemOf(e)
    res.status(502).json({ type: "mailchimp_error", message: `Mailchimp did not list the interest categories: ${problem.title}: ${problem.detail}` })
  }
}
