import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { subscriberHash } from "../../../../mailchimp"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import { eraseNewsletterDataWorkflow } from "../../../../workflows/erase-newsletter-data"
import { erasureView } from "./erasure-view"
import type { AdminEraseAddressType, AdminErasureQueryType } from "./validators"
import type { AdminEraseResponse, AdminErasureListResponse } from "../../../../types/http"

/**
 * Erasures of the current audience, newest first; `?email=` answers whether that address was erased, when, and
 * what was removed where, in every audience the store used (one record each).
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminErasureListResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { email, limit, offset } = req.validatedQuery as AdminErasureQueryType
  const filters = email ? { subscriber_hash: subscriberHash(email) } : { audience_id: service.getOptions().audienceId }
  const [erasures, count] = await service.listAndCountErasures(filters, {
    order: { created_at: "DESC" },
    take: limit,
    skip: offset,
  })
  res.json({ erasures: erasures.map(erasureView), count, limit, offset })
}

/** Erases an address that belongs to no customer (a footer signup, say) at its owner's request. */
export async function POST(req: AuthenticatedMedusaRequest<AdminEraseAddressType>, res: MedusaResponse<AdminEraseResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { email, mode } = req.validatedBody
  const { result: ids } = await eraseNewsletterDataWorkflow(req.scope).run({
    input: { emails: [email], trigger: "admin_request", requested_by: req.auth_context.actor_id, mode },
  })
  const erasures = ids.length ? await service.listErasures({ id: ids }) : []
  res.status(202).json({ erasures: erasures.map(erasureView) })
}
