import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"

export type CartSourceInput = { cart_id: string; campaign_id: string | null; landing_site: string | null }

/** Keeps where the shopper came from on the plugin's cart row (a checked-out cart keeps what it had). */
export const recordCartSourceStep = createStep("record-mailchimp-cart-source", async (input: CartSourceInput, { container }) => {
  const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  await commerce.setCartSource(input.cart_id, input)
  return new StepResponse(input)
})
