import type { MedusaContainer } from "@medusajs/framework/types"
import { diffPromotionsWorkflow } from "../workflows/commerce/diff-promotions"

/**
 * Promotions' guarantee: Medusa 2.21 emits module events for a promotion's creation and deletion, but not for
 * every change (a new discount value, a condition added, an order using the code), so every five minutes each
 * promotion's mapping is compared with what Mailchimp was last given (docs/promotions.md).
 */
export default async function diffPromotionsJob(container: MedusaContainer) {
  await diffPromotionsWorkflow(container).run()
}

export const config = {
  name: "mailchimp-diff-promotions",
  schedule: "*/5 * * * *",
}
