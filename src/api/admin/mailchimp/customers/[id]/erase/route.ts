import type { ICustomerModuleService } from "@medusajs/framework/types"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../../../types/mailchimp-module"
import { eraseNewsletterDataWorkflow } from "../../../../../../workflows/erase-newsletter-data"
import { erasureView } from "../../../erasures/erasure-view"
import type { AdminEraseCustomerType } from "./validators"
import type { AdminEraseResponse } from "../../../../../../types/http"

/**
 * A customer asked to be erased: their members leave Mailchimp (archived, or deleted for good),
 * and the store drops their consents and member rows, keeping only what erasureRecord says.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminEraseCustomerType>, res: MedusaResponse<AdminEraseResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const customers = req.scope.resolve<ICustomerModuleService>(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ id: req.params.id }, { select: ["id"], take: 1 })
  if (!customer) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${req.params.id} was not found`)
  }
  const { result: ids } = await eraseNewsletterDataWorkflow(req.scope).run({
    input: {
      customer_id: customer.id,
      include_customer_email: true,
      trigger: "admin_request",
      requested_by: req.auth_context.actor_id,
      mode: req.validatedBody.mode,
    },
  })
  const erasures = ids.length ? await service.listErasures({ id: ids }) : []
  res.status(202).json({ erasures: erasures.map(erasureView) })
}
