import type { MedusaContainer } from "@medusajs/framework/types"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueCommerceJobsStep } from "../steps/enqueue-commerce-jobs"
import { enqueueSegmentRefreshStep } from "../steps/enqueue-segment-refresh"
import { handOffOrderReadsStep } from "../steps/hand-off-order-reads"
import { recordPurchaseStep } from "../steps/record-purchase"
import { CommerceSyncRequest, requestCommerceSyncStep } from "../steps/request-commerce-sync"
import { runTogetherIn } from "../run-together"

/**
 * Orders were placed or changed (canceled, paid, refunded, fulfilled): their purchase rows and their
 * buyers' profiles are recomputed, and the orders and the changed merge fields are queued for Mailchimp.
 */
export const recordOrderPurchaseWorkflow = createWorkflow(
  "mailchimp-record-order-purchase",
  (input: { order_ids: string[] }) => {
    const purchase = recordPurchaseStep(input)
    const requests = transform({ purchase }, ({ purchase }): CommerceSyncRequest[] => [
      ...purchase.found_ids.map((id) => ({ object_type: "order" as const, object_id: id })),
      ...purchase.emails_changed.map((email) => ({ object_type: "merge" as const, object_id: email })),
    ])
    const requested = requestCommerceSyncStep(requests)
    handOffOrderReadsStep(requested.refs)
    enqueueCommerceJobsStep(transform({ requested }, ({ requested }) => requested.jobs))
    // The buyers whose profile changed may enter or leave segments.
    const changed = transform({ purchase }, ({ purchase }) => purchase.emails_changed)
    enqueueSegmentRefreshStep(changed)
    return new WorkflowResponse(purchase)
  }
)

/**
 * What an order event's subscriber calls: the orders whose events come while a run is under way
 * (a burst of checkouts) are recorded by the next run together.
 */
export const recordOrderPurchase = runTogetherIn<MedusaContainer>((container, order_ids) => recordOrderPurchaseWorkflow(container).run({ input: { order_ids } }))
