import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

export const removeQueueJobStep = createStep("remove-mailchimp-queue-job", async (id: string, { container }) => {
  const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
  if (!(await service.getQueue().discardFailedJob(id))) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No failed job ${id}: it was retried, discarded or has finished`)
  }
  return new StepResponse(true)
})
