import type { ICustomerModuleService } from "@medusajs/framework/types"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { commerceModule, commerceSyncOf } from "../../../commerce-sync-view"
import type { AdminPurchaseProfileResponse } from "../../../../../../types/http"

/** The customer's purchase profile (what their orders add up to) and their sync to Mailchimp's e-commerce API. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminPurchaseProfileResponse>) {
  const customers = req.scope.resolve<ICustomerModuleService>(Modules.CUSTOMER)
  const [customer] = await customers.listCustomers({ id: req.params.id }, { select: ["id", "email"], take: 1 })
  if (!customer) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer with id: ${req.params.id} was not found`)
  const commerce = commerceModule(req.scope)
  if (!commerce) {
    res.json({ purchase_profile: null, customer_sync: null, enabled: false })
    return
  }
  const [profile] = await commerce.listPurchaseProfiles({ email: customer.email.trim().toLowerCase() }, { take: 1 })
  res.json({
    enabled: true,
    purchase_profile: profile
      ? {
          email: profile.email,
          currency_code: profile.currency_code,
          orders_count: profile.orders_count,
          spent_orders_count: profile.spent_orders_count,
          total_spent: profile.total_spent,
          average_order: profile.average_order,
          canceled_count: profile.canceled_count,
          first_order_at: profile.first_order_at,
          last_order_at: profile.last_order_at,
          other_currencies: profile.other_currencies,
          products: profile.product_ids.length,
          categories: profile.category_ids.length,
          collections: profile.collection_ids.length,
        }
      : null,
    customer_sync: await commerceSyncOf(req.scope, "customer", customer.id),
  })
}
