import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { sealOrderRead } from "../../modules/mailchimp-commerce/store-data/held-order-reads"
import type { SyncRef } from "../../modules/mailchimp-commerce/service"

/**
 * Ties the order reads the purchase step holds to the sync revisions their requests made, so that
 * each order's e-commerce job, when this process runs it, sends that read instead of reading again.
 */
export const handOffOrderReadsStep = createStep(
  "hand-off-mailchimp-order-reads",
  async ({ order_ids, refs }: { order_ids: string[]; refs: SyncRef[] }) => {
    const read = new Set(order_ids)
    const sealed = refs.filter((r) => r.object_type === "order" && read.has(r.object_id))
    for (const ref of sealed) sealOrderRead(ref.object_id, ref.revision)
    return new StepResponse(sealed.length)
  }
)
