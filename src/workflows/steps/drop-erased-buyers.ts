import type { ICustomerModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import type { CommerceSyncRequest } from "./request-commerce-sync"

/**
 * Leaves out the writes about erased buyers (their merge fields, customer, orders): a store event after an
 * erasure (an order shipped, the customer edited) re-creates nothing, in the store's tables or in Mailchimp,
 * until the person opts in again. Deletes go ahead.
 */
export async function dropErasedBuyers(requests: CommerceSyncRequest[], container: MedusaContainer): Promise<CommerceSyncRequest[]> {
  const emailOf = new Map<string, string>()
  const key = (r: CommerceSyncRequest) => `${r.object_type}:${r.object_id}`
  const ids = (type: string) => requests.filter((r) => r.object_type === type && r.action !== "delete").map((r) => r.object_id)
  for (const id of ids("merge")) emailOf.set(`merge:${id}`, id)
  const customerIds = ids("customer")
  if (customerIds.length) {
    const customers = container.resolve<ICustomerModuleService>(Modules.CUSTOMER)
    for (const c of await customers.listCustomers({ id: customerIds }, { select: ["id", "email"] })) {
      if (c.email) emailOf.set(`customer:${c.id}`, c.email)
    }
  }
  const orderIds = ids("order")
  if (orderIds.length) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order", fields: ["id", "email"], filters: { id: orderIds } })
    for (const o of data) if (o.email) emailOf.set(`order:${o.id}`, o.email)
  }
  if (!emailOf.size) return requests
  const erased = await container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).erasedSince([...emailOf.values()])
  if (!erased.size) return requests
  return requests.filter((r) => {
    const email = emailOf.get(key(r))
    return r.action === "delete" || !email || !erased.has(email.trim().toLowerCase())
  })
}
