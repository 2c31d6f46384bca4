import type { ICartModuleService, ICustomerModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { subscriberHash } from "../../mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"

export type EraseCommerceDataInput = { emails: string[]; customer_id?: string | null }

export type ErasedCommerce = {
  // Every customer id the buyers had in Mailchimp's store: their accounts and their guest ids.
  customer_ids: string[]
  order_ids: string[]
  // Every cart of theirs Medusa has (completed, open or deleted): any of them may be held by Mailchimp.
  cart_ids: string[]
  removed: Record<string, number>
}

/**
 * The buyers' purchase rows, profiles and e-commerce sync rows go; answers the customers, orders and carts
 * Mailchimp's store may hold of them (deleted there by the erasure job). Writes still queued for them find no
 * sync row.
 */
export const eraseCommerceDataStep = createStep(
  "erase-mailchimp-commerce-data",
  async (input: EraseCommerceDataInput, { container }) => {
    const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))]
    const customerIds = new Set<string>(input.customer_id ? [input.customer_id] : [])
    const orderIds = new Set<string>()
    const cartIds = new Set<string>()
    if (emails.length) {
      const customers = container.resolve<ICustomerModuleService>(Modules.CUSTOMER)
      for (const c of await customers.listCustomers({ email: emails }, { select: ["id"], withDeleted: true })) customerIds.add(c.id)
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const carts = container.resolve<ICartModuleService>(Modules.CART)
    const filters = [...(emails.length ? [{ email: emails }] : []), ...(customerIds.size ? [{ customer_id: [...customerIds] }] : [])]
    for (const f of filters) {
      const { data } = await query.graph({ entity: "order", fields: ["id"], filters: f })
      for (const o of data) orderIds.add(o.id)
      // Their carts by address and by account, whatever became of them: a cart is sent to Mailchimp once it has
      // an email and a line (docs/carts.md), and one the erasure missed could still send an abandoned-cart email.
      for (const c of await carts.listCarts(f, { select: ["id"], withDeleted: true })) cartIds.add(c.id)
    }
    // A guest's orders went to Mailchimp with a customer id made from their address.
    for (const email of emails) customerIds.add(`guest-${subscriberHash(email)}`)
    const ids = { customer_ids: [...customerIds], order_ids: [...orderIds], cart_ids: [...cartIds] }
    if (!container.hasRegistration(MAILCHIMP_COMMERCE_MODULE)) return new StepResponse<ErasedCommerce>({ ...ids, removed: {} })
    const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    const erased = await commerce.eraseBuyers({ emails, ...ids })
    return new StepResponse<ErasedCommerce>({ ...ids, order_ids: erased.order_ids, removed: erased.removed })
  }
)
