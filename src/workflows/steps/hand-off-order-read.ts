import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { sealOrderRead } from "../../modules/mailchimp-commerce/store-data/held-order-reads"
import type { SyncRef } from "../../modules/mailchimp-commerce/service"

/**
 * Ties the order read the purchase step holds to the sync revision its request made, so that the
 * order's e-commerce job, when this process runs it, sends that read instead of reading again.
 */
export const handOffOrderReadStep = createStep(
  "hand-off-mailchimp-order-read",
  async ({ order_id, refs }: { order_id: string; refs: SyncRef[] }) => {
    const ref = refs.find((r) => r.object_type === "order" && r.object_id === order_id)
    if (ref) sealOrderRead(order_id, ref.revision)
    return new StepResponse(!!ref)
  }
)
