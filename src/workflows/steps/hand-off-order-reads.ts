import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { sealOrderRead } from "../../modules/mailchimp-commerce/store-data/held-order-reads"
import type { SyncRef } from "../../types/mailchimp-commerce-module"

/**
 * Ties the order reads the purchase step holds to the sync revisions their requests made, so that
 * each order's e-commerce job, when this process runs it, sends that read instead of reading again.
 */
export const handOffOrderReadsStep = createStep(
  "hand-off-mailchimp-order-reads",
  async (refs: SyncRef[]) => {
    // The orders requested are the ones the purchase step read and holds.
    const sealed = refs.filter((r) => r.object_type === "order")
    for (const ref of sealed) sealOrderRead(ref.object_id, ref.revision)
    return new StepResponse(sealed.length)
  }
)
