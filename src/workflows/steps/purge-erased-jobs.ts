import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { subscriberHash } from "../../mailchimp"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

export type PurgeErasedJobsInput = { emails: string[]; customer_ids: string[]; order_ids: string[]; cart_ids: string[] }

/**
 * Every identifier of the people that a job can carry: addresses, their subscriber hashes, customer, order and
 * cart ids (a cart's job names only its cart).
 */
export function erasedNeedles(input: PurgeErasedJobsInput): string[] {
  return [...input.emails, ...input.emails.map(subscriberHash), ...input.customer_ids, ...input.order_ids, ...input.cart_ids]
}

/**
 * The queue forgets the people: their waiting, delayed, failed and finished jobs, and the queue's event
 * entries naming them. Redis away: the erasure job purges again when it runs.
 */
export const purgeErasedJobsStep = createStep("purge-erased-mailchimp-jobs", async (input: PurgeErasedJobsInput, { container }) => {
  const service = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE)
  try {
    return new StepResponse(await service.getQueue().purgeJobsNaming(erasedNeedles(input)))
  } catch (e) {
    service.getLogger().warn(`medusa-mailchimp: queue not purged after an erasure yet: ${(e as Error).message}`)
    return new StepResponse({ jobs: 0, events: 0 })
  }
})
