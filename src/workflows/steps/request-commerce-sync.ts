import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { subscriberHash } from "../../mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import { dropErasedBuyers } from "./drop-erased-buyers"
import type { EnqueueJobsInput } from "./enqueue-jobs"

export type CommerceSyncRequest = {
  object_type: "product" | "customer" | "order" | "merge" | "promo"
  object_id: string
  action?: "upsert" | "delete"
}

const JOB = {
  product: (id: string) => ({ name: "commerce.product.sync" as const, payload: { product_id: id } }),
  customer: (id: string) => ({ name: "commerce.customer.sync" as const, payload: { customer_id: id } }),
  order: (id: string) => ({ name: "commerce.order.sync" as const, payload: { order_id: id } }),
  promo: (id: string) => ({ name: "commerce.promo.sync" as const, payload: { promotion_id: id } }),
  merge: (email: string) => ({ name: "commerce.merge.sync" as const, payload: { email_hash: subscriberHash(email) } }),
}

/**
 * Marks objects as wanting a Mailchimp write (Postgres first: the reconciler finds them even if
 * the queue never hears of them) and answers the jobs to queue and the revisions the requests
 * made. With the `ecommerce` option off, only merge field updates are kept.
 */
export const requestCommerceSyncStep = createStep(
  "request-mailchimp-commerce-sync",
  async (requests: CommerceSyncRequest[], { container }) => {
    const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    const allowed = await dropErasedBuyers(requests, container)
    const wanted = commerce.getOptions().ecommerce ? allowed : allowed.filter((r) => r.object_type === "merge")
    const refs = await commerce.requestSync(wanted)
    const jobs: EnqueueJobsInput = wanted.map((r) => JOB[r.object_type](r.object_id))
    return new StepResponse({ jobs, refs })
  }
)
