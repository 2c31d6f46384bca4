import type { ICustomerModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type MailchimpModuleService from "../../modules/mailchimp/service"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type MailchimpCommerceService from "../../modules/mailchimp-commerce/service"

export type SettleErasedCommerceWritesInput = { emails: string[]; customer_id?: string | null }

const NOTE = "skipped: the address was erased after this write was requested"

/**
 * An erasure forgets an address: e-commerce writes queued before it (an order, its customer,
 * their merge fields) would bring the address back to Mailchimp as a contact. Those still
 * pending are settled as skipped; a later change to the same object is requested afresh.
 */
export const settleErasedCommerceWritesStep = createStep(
  "settle-mailchimp-erased-commerce-writes",
  async (input: SettleErasedCommerceWritesInput, { container }) => {
    if (!container.hasRegistration(MAILCHIMP_COMMERCE_MODULE)) return new StepResponse(0)
    try {
      return new StepResponse(await settle(input, container))
    } catch (e) {
      // The erasure itself is recorded: it goes ahead; a write left pending is the worse outcome, not a failed erasure.
      container.resolve<MailchimpModuleService>(MAILCHIMP_MODULE).getLogger().warn(
        `medusa-mailchimp: e-commerce writes of erased addresses not settled: ${(e as Error).message}`
      )
      return new StepResponse(0)
    }
  }
)

async function settle(input: SettleErasedCommerceWritesInput, container: MedusaContainer): Promise<number> {
  const commerce = container.resolve<MailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))]
  if (!emails.length && !input.customer_id) return 0

  const objects: { object_type: "order" | "customer" | "merge"; object_id: string }[] = emails.map((email) => ({
    object_type: "merge" as const,
    object_id: email,
  }))
  const customerIds = new Set<string>(input.customer_id ? [input.customer_id] : [])
  if (emails.length) {
    const customers = container.resolve<ICustomerModuleService>(Modules.CUSTOMER)
    for (const c of await customers.listCustomers({ email: emails }, { select: ["id"], withDeleted: true })) customerIds.add(c.id)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({ entity: "order", fields: ["id"], filters: { email: emails } })
    for (const o of orders) objects.push({ object_type: "order", object_id: o.id })
  }
  for (const id of customerIds) objects.push({ object_type: "customer", object_id: id })

  let settled = 0
  for (const o of objects) {
    const row = (await commerce.getSync(o.object_type, o.object_id)) as
      | { status: string; revision: number; remote_exists: boolean; action: string }
      | null
    // A delete (the customer was deleted) takes data out of Mailchimp: it goes ahead.
    if (!row || row.status !== "pending" || row.action === "delete") continue
    const done = await commerce.completeSync(
      { object_type: o.object_type, object_id: o.object_id, revision: row.revision },
      { status: "skipped", remote_exists: row.remote_exists, note: NOTE }
    )
    if (done) settled++
  }
  if (settled) {
    container.resolve<MailchimpModuleService>(MAILCHIMP_MODULE).getLogger().info(
      `medusa-mailchimp: ${settled} e-commerce write(s) of erased addresses skipped`
    )
  }
  return settled
}
