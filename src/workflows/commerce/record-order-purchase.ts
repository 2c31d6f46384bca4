import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueCommerceJobsStep } from "../steps/enqueue-commerce-jobs"
import { enqueueSegmentRefreshStep } from "../steps/enqueue-segment-refresh"
import { handOffOrderReadStep } from "../steps/hand-off-order-read"
import { recordPurchaseStep } from "../steps/record-purchase"
import { CommerceSyncRequest, requestCommerceSyncStep } from "../steps/request-commerce-sync"

/**
 * An order was placed or changed (canceled, paid, refunded, fulfilled): its purchase row and its
 * buyer's profile are recomputed, and the order and the changed merge fields are queued for Mailchimp.
 */
export const recordOrderPurchaseWorkflow = createWorkflow(
  "mailchimp-record-order-purchase",
  (input: { order_id: string }) => {
    const purchase = recordPurchaseStep(input)
    const requests = transform({ purchase }, ({ purchase }): CommerceSyncRequest[] =>
      purchase.found
        ? [
            { object_type: "order", object_id: purchase.order_id },
            ...purchase.emails_changed.map((email) => ({ object_type: "merge" as const, object_id: email })),
          ]
        : []
    )
    const requested = requestCommerceSyncStep(requests)
    handOffOrderReadStep({ order_id: input.order_id, refs: requested.refs })
    enqueueCommerceJobsStep(transform({ requested }, ({ requested }) => requested.jobs))
    // The buyers whose profile changed may enter or leave segments.
    const changed = transform({ purchase }, ({ purchase }) => purchase.emails_changed)
    enqueueSegmentRefreshStep(changed)
    return new WorkflowResponse(purchase)
  }
)
