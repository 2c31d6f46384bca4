import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService, SyncRef } from "../../types/mailchimp-commerce-module"

/**
 * Carts changed: each wants a write (Postgres first, so the reconciler finds it even if the queue never hears of
 * it), unless its order was placed. Nothing with cart sync or e-commerce off.
 */
export const requestCartSyncStep = createStep("request-mailchimp-cart-sync", async (cartIds: string[], { container }) => {
  const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const { ecommerce, cartSync } = commerce.getOptions()
  const refs: SyncRef[] = ecommerce && cartSync ? await commerce.requestCartSync(cartIds) : []
  return new StepResponse(refs)
})
