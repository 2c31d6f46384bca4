import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { FAILED_JOB_WORK } from "./failed-job-work"

export type JobRef = { id: string; name: string; data: Record<string, unknown> }

/** Sets the job's failed row back to "to do", so that its processor runs it again. */
export const reopenJobWorkStep = createStep(
  "reopen-mailchimp-job-work",
  async (job: JobRef, { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const reopened = (await FAILED_JOB_WORK[job.name]?.reopen(service, job.data)) ?? false
    return new StepResponse(reopened, reopened ? job : null)
  },
  async (job: JobRef | null | undefined, { container }) => {
    if (!job) return
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    await FAILED_JOB_WORK[job.name]?.giveUp(service, job.data, { title: "Retry failed", detail: "the job could not be queued again" })
  }
)
