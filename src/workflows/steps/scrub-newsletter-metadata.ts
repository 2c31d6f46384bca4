import type { ICartModuleService, IOrderModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { NEWSLETTER_METADATA_KEY } from "../../modules/mailchimp/newsletter-choice"
import type { ErasedPeople } from "../../modules/mailchimp/erasure/erase-rows"

type WithMetadata = { id: string; metadata?: Record<string, unknown> | null }

const carrying = (rows: WithMetadata[]) => rows.filter((r) => r.metadata && NEWSLETTER_METADATA_KEY in r.metadata)
const without = (metadata: Record<string, unknown>) => {
  const { [NEWSLETTER_METADATA_KEY]: _erased, ...rest } = metadata
  return rest
}

/**
 * The checkout choice the plugin wrote into the people's carts and orders (with its evidence: time, IP,
 * browser) goes; the carts and orders themselves are the merchant's and stay.
 */
export const scrubNewsletterMetadataStep = createStep(
  "scrub-mailchimp-newsletter-metadata",
  async (input: ErasedPeople & { order_ids: string[] }, { container }) => {
    const emails = input.emails.map((e) => e.trim().toLowerCase())
    const carts = container.resolve<ICartModuleService>(Modules.CART)
    const orders = container.resolve<IOrderModuleService>(Modules.ORDER)
    const cartRows = new Map<string, WithMetadata>()
    for (const filters of [{ email: emails }, { customer_id: input.customer_ids }]) {
      const values = Object.values(filters)[0]
      if (!values.length) continue
      for (const c of await carts.listCarts(filters, { select: ["id", "metadata"] })) cartRows.set(c.id, c)
    }
    const orderRows = input.order_ids.length ? await orders.listOrders({ id: input.order_ids }, { select: ["id", "metadata"] }) : []
    const cartsToScrub = carrying([...cartRows.values()])
    const ordersToScrub = carrying(orderRows)
    // The modules merge a metadata update into what is there (a key left out stays): cleared, then written anew.
    if (cartsToScrub.length) {
      await carts.updateCarts(cartsToScrub.map((c) => ({ id: c.id, metadata: null })))
      await carts.updateCarts(cartsToScrub.map((c) => ({ id: c.id, metadata: without(c.metadata!) })))
    }
    if (ordersToScrub.length) {
      await orders.updateOrders(ordersToScrub.map((o) => ({ id: o.id, metadata: null })))
      await orders.updateOrders(ordersToScrub.map((o) => ({ id: o.id, metadata: without(o.metadata!) })))
    }
    return new StepResponse({ cart_metadata: cartsToScrub.length, order_metadata: ordersToScrub.length })
  }
)
