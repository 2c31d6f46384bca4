import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueJobsStep } from "./steps/enqueue-jobs"
import { eraseActivityRowsStep } from "./steps/erase-activity-rows"
import { eraseCommerceDataStep } from "./steps/erase-commerce-data"
import { noteErasureReceiptStep } from "./steps/note-erasure-receipt"
import { purgeErasedJobsStep } from "./steps/purge-erased-jobs"
import { RecordErasureInput, recordErasureStep } from "./steps/record-erasure"
import { scrubNewsletterMetadataStep } from "./steps/scrub-newsletter-metadata"

/**
 * Erases a customer's (or an address's) newsletter data. At once, in the store: every plugin table (consents,
 * members, webhook deliveries, purchase rows and profiles, e-commerce sync rows, campaign activity, segment
 * rows), the checkout choice in cart and order metadata, and the queue's jobs naming them. Then a queued job
 * that overtakes ordinary work deletes their e-commerce carts, orders and customers in Mailchimp and archives or
 * permanently deletes the member in every audience the store used. The erasure rows keep the receipt.
 */
export const eraseNewsletterDataWorkflow = createWorkflow("mailchimp-erase-newsletter-data", (input: RecordErasureInput) => {
  const recorded = recordErasureStep(input)
  const commerce = eraseCommerceDataStep(
    transform({ recorded, input }, ({ recorded, input }) => ({ emails: recorded.addresses, customer_id: input.customer_id ?? null }))
  )
  const people = transform({ recorded, commerce }, ({ recorded, commerce }) => ({
    emails: recorded.addresses,
    customer_ids: commerce.customer_ids,
    order_ids: commerce.order_ids,
    cart_ids: commerce.cart_ids,
  }))
  const activity = eraseActivityRowsStep(people)
  const metadata = scrubNewsletterMetadataStep(people)
  const queue = purgeErasedJobsStep(people)
  noteErasureReceiptStep(
    transform({ recorded, commerce, activity, metadata, queue }, ({ recorded, commerce, activity, metadata, queue }) => ({
      erasure_ids: recorded.erasure_ids,
      store: { ...recorded.removed, ...commerce.removed, ...activity, ...metadata },
      queue,
      remote: { customer_ids: commerce.customer_ids, order_ids: commerce.order_ids, cart_ids: commerce.cart_ids },
    }))
  )
  const erasureIds = transform({ recorded }, ({ recorded }) => recorded.erasure_ids)
  enqueueJobsStep(
    transform({ erasureIds }, ({ erasureIds }) =>
      erasureIds.map((id) => ({ name: "member.erase" as const, payload: { erasure_id: id } }))
    )
  )
  return new WorkflowResponse(erasureIds)
})
