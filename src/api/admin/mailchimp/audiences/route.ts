import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import type MailchimpModuleService from "../../../../modules/mailchimp/service"
import { listAudiences, problemOf } from "../mailchimp-reads"
import type { AdminListMailchimpAudiencesType } from "./validators"

/** The account's audiences with their figures, to pick one from. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const service: MailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { limit, offset } = req.validatedQuery as AdminListMailchimpAudiencesType
  try {
    const { audiences, count } = await listAudiences(service.getClient(), { limit, offset })
    res.json({ audiences, count, limit, offset, current: service.getOptions().audienceId })
  } catch (e) {
    const problem = problemOf(e)
    res.status(502).json({ type: "mailchimp_error", message: `Mailchimp did not list the audiences: ${problem.title}: ${problem.detail}` })
  }
}
