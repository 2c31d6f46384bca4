import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { FAILED_JOB_WORK } from "./failed-job-work"
import type { JobRef } from "./reopen-job-work"

export type GiveUpJobWorkInput = { job: JobRef; discarded_by: string | null }

/**
 * Marks the job's row failed, "discarded", so that the reconciler does not queue it again; the
 * screen keeps showing it among the failed rows.
 */
export const giveUpJobWorkStep = createStep(
  "give-up-mailchimp-job-work",
  async ({ job, discarded_by }: GiveUpJobWorkInput, { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const reason = {
      title: "Discarded",
      detail: "discarded from the admin: it will not be sent again unless retried",
      discarded_by,
      at: new Date().toISOString(),
    }
    const changed = (await FAILED_JOB_WORK[job.name]?.giveUp(service, job.data, reason)) ?? false
    return new StepResponse(changed, changed ? job : null)
  },
  async (job: JobRef | null | undefined, { container }) => {
    if (!job) return
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    await FAILED_JOB_WORK[job.name]?.reopen(service, job.data)
  }
)
