import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { subscriberHash } from "../../mailchimp"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { MAILCHIMP_SEGMENTS_MODULE } from "../../modules/mailchimp-segments"
import type { IMailchimpSegmentsService } from "../../types/mailchimp-segments-module"

/**
 * Queues the re-evaluation of these addresses in every segment, when there is a segment. A segment
 * created meanwhile is evaluated in full when it is created, and the rows these addresses changed are
 * written before this step, so skipping loses nothing. Never fails the workflow.
 */
export const enqueueSegmentRefreshStep = createStep("enqueue-mailchimp-segment-refresh", async (emails: string[], { container }) => {
  if (!emails.length || !(await container.resolve<IMailchimpSegmentsService>(MAILCHIMP_SEGMENTS_MODULE).hasSegments())) {
    return new StepResponse([])
  }
  const queue = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getQueue()
  return new StepResponse(await Promise.all(emails.map((email) => queue.enqueue("segments.email.refresh", { email_hash: subscriberHash(email) }))))
})
