import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { NewsletterChoice } from "../../modules/mailchimp/newsletter-choice"
import { NEWSLETTER_METADATA_KEY, sealNewsletterChoice } from "../../modules/mailchimp/newsletter-choice"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

export type SaveCartNewsletterChoiceInput = { cart_id: string; choice: NewsletterChoice }

/** Keeps the shopper's choice, with its evidence, sealed in the cart's metadata; the order inherits it. */
export const saveCartNewsletterChoiceStep = createStep(
  "save-cart-newsletter-choice",
  async ({ cart_id, choice }: SaveCartNewsletterChoiceInput, { container }) => {
    const cartModule = container.resolve(Modules.CART)
    const cart = await cartModule.retrieveCart(cart_id, { select: ["id", "metadata", "completed_at"] })
    if (cart.completed_at) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${cart_id} is already completed`)
    }
    const previous = cart.metadata ?? null
    const key = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getEvidenceKey()
    const sealed = sealNewsletterChoice(choice, key)
    await cartModule.updateCarts(cart_id, { metadata: { ...(previous ?? {}), [NEWSLETTER_METADATA_KEY]: sealed } })
    return new StepResponse(choice, { cart_id, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    await container.resolve(Modules.CART).updateCarts(undo.cart_id, { metadata: undo.previous ?? {} })
  }
)
