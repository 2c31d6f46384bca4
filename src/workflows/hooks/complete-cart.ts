import type { MedusaContainer } from "@medusajs/framework/types"
import { completeCartWorkflow } from "@medusajs/medusa/core-flows"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

/**
 * Inside the checkout, as soon as the order exists (before order.placed is emitted): the cart is completed in
 * Postgres, for good, so that no later cart event sends it again, and its deletion in Mailchimp is queued at once
 * (its own job id: it does not wait behind a change's coalescing window). The order's own job deletes it too
 * before it writes the order, whichever runs first.
 */
// 2.21 declares the hook at runtime but leaves it out of the workflow's typed hooks.
type OrderCreatedHook = (handler: (input: { order_id: string; cart_id: string }, ctx: { container: MedusaContainer }) => Promise<void>) => void
const orderCreated = (completeCartWorkflow.hooks as unknown as { orderCreated: OrderCreatedHook }).orderCreated

orderCreated(async ({ order_id, cart_id }, { container }) => {
  const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const { ecommerce, cartSync } = commerce.getOptions()
  if (!ecommerce || !cartSync) return
  const ref = await commerce.completeCart({ cart_id, order_id })
  await container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue().enqueue("commerce.cart.sync", { cart_id, rev: ref.revision })
})
