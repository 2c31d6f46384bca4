import type { ICustomerModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { groupTagNames, tagChanges } from "../../modules/mailchimp/rules/list-management"
import type { JobPayload } from "../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "./context"

const PAGE = 500

/**
 * Medusa tells which membership row went when a customer leaves a group (or a group is renamed
 * or deleted), not whose it was: this walks the linked members, compares their group tags with
 * their customers' groups, and queues a customer sync for each that differs.
 */
export async function sweepGroupTags(_: JobPayload<"groups.sweep">, ctx: ProcessorContext) {
  const { service, options } = ctx
  const customers = ctx.resolve<ICustomerModuleService>(Modules.CUSTOMER)
  let after = ""
  let checked = 0
  const changed = new Set<string>()
  for (;;) {
    const page = await service.linkedMembersPage(after, PAGE)
    if (!page.length) break
    after = page[page.length - 1].id
    const ids = [...new Set(page.map((m) => m.customer_id))]
    const found = await customers.listCustomers({ id: ids }, { relations: ["groups"], select: ["id"], take: ids.length })
    const groupsOf = new Map(found.map((c) => [c.id, (c.groups ?? []).map((g) => g?.name)]))
    for (const member of page) {
      checked++
      const groups = groupsOf.get(member.customer_id)
      if (!groups || changed.has(member.customer_id)) continue
      if (tagChanges(member.group_tags, groupTagNames(options.groupTagPrefix, groups)).length) {
        changed.add(member.customer_id)
      }
    }
  }
  for (const customerId of changed) {
    await service.markCustomerChanged(customerId)
    await service.getQueue().enqueue("customer.sync", { customer_id: customerId })
  }
  return { checked, queued: changed.size }
}
