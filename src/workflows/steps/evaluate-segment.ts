import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../types/mailchimp-segments-module"

/**
 * Evaluates a segment now (one SQL statement in Postgres), so its member count is known when
 * the admin call answers; the sync job sends the difference to Mailchimp.
 */
export const evaluateSegmentStep = createStep("evaluate-mailchimp-segment", async ({ id }: { id: string }, { container }) => {
  const audienceId = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getOptions().audienceId
  const evaluation = await container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE).evaluateSegment(id, audienceId)
  return new StepResponse(evaluation)
})
