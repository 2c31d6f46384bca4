import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { EnqueueJobsInput } from "./enqueue-jobs"

/**
 * Queues e-commerce writes a moment late under their stable ids (`syncDelayMs`): a burst of
 * changes to one object becomes one job, which reads the latest state when it runs. Never fails
 * the workflow; what could not be queued stays pending for the reconciler.
 */
export const enqueueCommerceJobsStep = createStep("enqueue-mailchimp-commerce-jobs", async (jobs: EnqueueJobsInput, { container }) => {
  const queue = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue()
  const delayMs = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE).getOptions().syncDelayMs
  const results = await Promise.all(jobs.map((job) => queue.enqueue(job.name, job.payload as never, { delayMs })))
  return new StepResponse(results)
})
