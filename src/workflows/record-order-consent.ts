import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import { buildOrderConsentStep } from "./steps/build-order-consent"
import { createConsentStep, CreateConsentInput } from "./steps/create-consent"
import { enqueueJobsStep } from "./steps/enqueue-jobs"

/** order.placed → a consent row (when the shopper ticked the box) → a queued member upsert. */
export const recordOrderConsentWorkflow = createWorkflow(
  "mailchimp-record-order-consent",
  (input: { order_id: string }) => {
    const consentInput = buildOrderConsentStep(input)
    const created = when("opted-in", { consentInput }, ({ consentInput }) => !!consentInput).then(() =>
      createConsentStep(consentInput as CreateConsentInput)
    )
    when("new-consent-of-customer", { created }, ({ created }) => !!created?.created && !!created.customer_id).then(() => {
      const links = transform({ created: created! }, ({ created }) => [
        { [Modules.CUSTOMER]: { customer_id: created.customer_id }, [MAILCHIMP_MODULE]: { consent_id: created.id } },
      ])
      createRemoteLinkStep(links)
    })
    when("consent-recorded", { created }, ({ created }) => !!created).then(() => {
      const jobs = transform({ created: created! }, ({ created }) => [
        { name: "consent.sync" as const, payload: { consent_id: created.id } },
      ])
      enqueueJobsStep(jobs)
    })
    const result = transform({ created }, ({ created }) => created ?? null)
    return new WorkflowResponse(result)
  }
)
