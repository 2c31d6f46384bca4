import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../../types/mailchimp-module"
import type { AdminRebuildPurchaseProfilesResponse } from "../../../../../types/http"

/** Queues a rebuild of every purchase profile from the orders (the changed merge fields follow). */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminRebuildPurchaseProfilesResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const requested_at = new Date().toISOString()
  const queued = await service.getQueue().enqueue("commerce.profiles.rebuild", { requested_at })
  res.status(202).json({ rebuild: { requested_at, queued } })
}
