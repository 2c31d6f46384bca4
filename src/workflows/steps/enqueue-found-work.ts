import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { EnqueueResult } from "../../modules/mailchimp/queue-runtime/queue"
import { parseJobPayload } from "../../modules/mailchimp/queue-runtime/jobs"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import type { EnqueueJobsInput } from "./enqueue-jobs"

/** What became of one job the reconciler made of a row: an enqueue outcome, or not queued and why. */
export type FoundWorkOutcome = EnqueueResult | { skipped: string }

/**
 * Queues the reconciler's jobs one by one: a row whose job the queue refuses (a payload that does not parse, say an
 * empty object id) is skipped with the field named, and the rest of the page is queued all the same.
 */
export const enqueueFoundWorkStep = createStep("enqueue-found-mailchimp-work", async (jobs: EnqueueJobsInput, { container }) => {
  const queue = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue()
  const outcomes = await Promise.all(
    jobs.map(async (job): Promise<FoundWorkOutcome> => {
      try {
        parseJobPayload(job.name, job.payload)
      } catch (e) {
        const fields = ((e as { issues?: { path: (string | number)[] }[] }).issues ?? []).map((i) => i.path.join("."))
        return { skipped: `payload refused: ${fields.join(", ") || "payload"}` }
      }
      return queue.enqueue(job.name, job.payload as never)
    })
  )
  return new StepResponse(outcomes)
})
