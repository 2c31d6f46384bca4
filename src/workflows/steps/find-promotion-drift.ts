import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import { promoDrift, type PromoDrift } from "../../modules/mailchimp-commerce/promotions"
import type { GraphQuery } from "../../modules/mailchimp-commerce/store-data"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { CommerceSyncRequest } from "./request-commerce-sync"

/** The promotions whose Mailchimp copy lags behind the store (see promoDrift), as sync requests. */
export const findPromotionDriftStep = createStep("find-mailchimp-promotion-drift", async (_: void, { container }) => {
  const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const empty = { requests: [] as CommerceSyncRequest[], drift: [] as PromoDrift[], promotions: 0 }
  if (!commerce.getOptions().ecommerce) return new StepResponse(empty)
  const rows = await commerce.listCommerceSyncs(
    { object_type: "promo" },
    { select: ["object_id", "status", "remote_exists", "payload_hash", "synced_at"], take: null }
  )
  const query = container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  const { drift, promotions } = await promoDrift(query, commerce.getOptions(), rows)
  const requests: CommerceSyncRequest[] = drift.map((d) => ({ object_type: "promo", object_id: d.object_id, action: d.action }))
  return new StepResponse({ requests, drift, promotions })
})
