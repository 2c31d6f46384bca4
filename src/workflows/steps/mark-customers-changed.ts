import type { ICustomerModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import type { EnqueueJobsInput } from "./enqueue-jobs"

export type CustomersChangedInput = {
  customer_ids?: string[]
  // Rows of customer_group_customer that were just created: their customers joined a group.
  membership_ids?: string[]
  // A membership went, or a group was renamed or deleted: whose is not known any more.
  sweep?: boolean
}

/**
 * Flags the members of changed customers and answers the jobs that bring the change to
 * Mailchimp. A customer without a member in the audience yields nothing: the store never
 * reaches out to someone who did not subscribe through it.
 */
export const markCustomersChangedStep = createStep(
  "mark-mailchimp-customers-changed",
  async (input: CustomersChangedInput, { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const ids = new Set(input.customer_ids ?? [])
    if (input.membership_ids?.length) {
      const customers = container.resolve<ICustomerModuleService>(Modules.CUSTOMER)
      const rows = await customers.listCustomerGroupCustomers({ id: input.membership_ids }, { select: ["customer_id"] })
      for (const row of rows) ids.add(row.customer_id)
    }
    const jobs: EnqueueJobsInput = []
    for (const customerId of ids) {
      if ((await service.markCustomerChanged(customerId)).length) {
        jobs.push({ name: "customer.sync", payload: { customer_id: customerId } })
      }
    }
    if (input.sweep) jobs.push({ name: "groups.sweep", payload: {} })
    return new StepResponse(jobs)
  }
)
