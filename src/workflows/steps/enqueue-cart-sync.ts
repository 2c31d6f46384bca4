import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService, SyncRef } from "../../types/mailchimp-commerce-module"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

/**
 * Queues each cart's job after the coalescing window (`cartSyncWindowMs`) under its stable id: every change within
 * the window finds the job waiting and adds nothing, and the job reads the cart as it is when it runs. Never fails
 * the workflow; what could not be queued stays pending for the reconciler.
 */
export const enqueueCartSyncStep = createStep("enqueue-mailchimp-cart-sync", async (refs: SyncRef[], { container }) => {
  const queue = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue()
  const delayMs = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE).getOptions().cartSyncWindowMs
  const results = await Promise.all(refs.map((ref) => queue.enqueue("commerce.cart.sync", { cart_id: ref.object_id }, { delayMs })))
  return new StepResponse(results)
})
