import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

/** The failed job, or 404 when no job of that id is failed (retried, discarded or done meanwhile). */
export const loadFailedJobStep = createStep("load-failed-mailchimp-job", async (id: string, { container }) => {
  const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
  const job = await service.getQueue().failedJob(id)
  if (!job) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No failed job ${id}: it was retried, discarded or has finished`)
  }
  return new StepResponse({ id: job.id, name: job.name, data: job.data })
})
