import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type MailchimpModuleService from "../../modules/mailchimp/service"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../modules/mailchimp-segments"
import type MailchimpSegmentsService from "../../modules/mailchimp-segments/service"

/**
 * Evaluates a segment now (one SQL statement in Postgres), so its member count is known when
 * the admin call answers; the sync job sends the difference to Mailchimp.
 */
export const evaluateSegmentStep = createStep("evaluate-mailchimp-segment", async ({ id }: { id: string }, { container }) => {
  const audienceId = container.resolve<MailchimpModuleService>(MAILCHIMP_MODULE).getOptions().audienceId
  const evaluation = await container.resolve<MailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE).evaluateSegment(id, audienceId)
  return new StepResponse(evaluation)
})
