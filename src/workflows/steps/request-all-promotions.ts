import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import { allPromotions } from "../../modules/mailchimp-commerce/promotions"
import type { GraphQuery } from "../../modules/mailchimp-commerce/store-data"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { BackfillRunStarted } from "./create-backfill-run"
import type { CommerceSyncRequest } from "./request-commerce-sync"

/**
 * A new backfill sends every promotion again, through the live path (a rule and its code are two writes in order,
 * which a batch, whose operations run in any order, cannot promise). Their fingerprints are forgotten first, so that
 * a rule Mailchimp lost while the store believed it held it is written again, not skipped as unchanged.
 */
export const requestAllPromotionsStep = createStep("request-mailchimp-promotions-backfill", async (run: BackfillRunStarted, { container }) => {
  const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  if (!run.created || !commerce.getOptions().ecommerce) return new StepResponse([] as CommerceSyncRequest[])
  const query = container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  const requests: CommerceSyncRequest[] = []
  for await (const page of allPromotions(query)) {
    for (const p of page) requests.push({ object_type: "promo", object_id: p.id })
  }
  await commerce.updateCommerceSyncs({ selector: { object_type: "promo" }, data: { payload_hash: null } })
  return new StepResponse(requests)
})
