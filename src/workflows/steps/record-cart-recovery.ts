import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import { readRecoveryToken, recoveryKey } from "../../modules/mailchimp-commerce/carts/recovery-token"
import { GraphQuery } from "../../modules/mailchimp-commerce/store-data"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

export type CartRecovery = { outcome: "recovered" | "invalid" | "expired" | "completed" | "not_found"; cart_id?: string }

/**
 * Checks a recovery token (signed by this store, not expired), then the cart (there, not checked out), and records
 * the use: an order placed from the cart afterwards counts as recovered. Nothing is recorded for a refused token.
 */
export const recordCartRecoveryStep = createStep("record-mailchimp-cart-recovery", async (token: string, { container }) => {
  const key = recoveryKey(container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getEvidenceKey())
  const check = readRecoveryToken(key, token)
  if (!check.ok) return new StepResponse<CartRecovery>({ outcome: check.reason })
  const { data } = await container
    .resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "cart", fields: ["id", "completed_at"], filters: { id: check.cart_id } })
  if (!data[0]) return new StepResponse<CartRecovery>({ outcome: "not_found" })
  if (data[0].completed_at) return new StepResponse<CartRecovery>({ outcome: "completed" })
  const recorded = await container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE).recordCartRecovery(check.cart_id)
  return new StepResponse<CartRecovery>(recorded ? { outcome: "recovered", cart_id: check.cart_id } : { outcome: "completed" })
})
