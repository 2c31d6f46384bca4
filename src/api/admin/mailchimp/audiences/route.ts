import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import { listAudiences, problemOf } from "../mailchimp-reads"
import type { AdminListMailchimpAudiencesType } from "./validators"
import type { AdminMailchimpAudiencesResponse, ErrorResponse } from "../../../../types/http"

/** The account's audiences with their figures, to pick one from. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpAudiencesResponse | ErrorResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { limit, offset } = req.validatedQuery as AdminListMailchimpAudiencesType
  try {
    const { audiences, count } = await listAudiences(service.getClient(), { limit, offset })
    res.json({ audiences, count, limit, offset, current: service.getOptions().audienceId })
  } catch (e) {
    const problem = problemOf(e)
    res.status(502).json({ type: "mailchimp_error", message: `Mailchimp did not list the audiences: ${problem.title}: ${problem.detail}` })
  }
}
