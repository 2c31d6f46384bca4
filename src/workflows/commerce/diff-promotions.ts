import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueCommerceJobsStep } from "../steps/enqueue-commerce-jobs"
import { findPromotionDriftStep } from "../steps/find-promotion-drift"
import { requestCommerceSyncStep } from "../steps/request-commerce-sync"

/** The scheduled diff: every promotion whose Mailchimp copy lags behind is queued for a write (or a deletion). */
export const diffPromotionsWorkflow = createWorkflow("mailchimp-diff-promotions", () => {
  const found = findPromotionDriftStep()
  const requests = transform({ found }, ({ found }) => found.requests)
  const requested = requestCommerceSyncStep(requests)
  const jobs = transform({ requested }, ({ requested }) => requested.jobs)
  const queued = enqueueCommerceJobsStep(jobs)
  return new WorkflowResponse({ drift: transform({ found }, ({ found }) => found.drift), promotions: transform({ found }, ({ found }) => found.promotions), queued })
})
