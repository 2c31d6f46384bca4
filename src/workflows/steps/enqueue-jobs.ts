import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import type { JobName, JobPayload } from "../../modules/mailchimp/queue-runtime/jobs"

export type EnqueueJobsInput = { [N in JobName]: { name: N; payload: JobPayload<N> } }[JobName][]

/**
 * Hands work to the queue. Never fails the workflow: work that could not be queued (Redis
 * away) stays pending in Postgres and the reconciler queues it later.
 */
export const enqueueJobsStep = createStep("enqueue-mailchimp-jobs", async (jobs: EnqueueJobsInput, { container }) => {
  const queue = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue()
  const results = await Promise.all(jobs.map((job) => queue.enqueue(job.name, job.payload as never)))
  return new StepResponse(results)
})
