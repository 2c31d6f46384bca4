import type { MedusaContainer } from "@medusajs/framework/types"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import { buildOrderConsentsStep } from "./steps/build-order-consents"
import { createOrderConsentsStep } from "./steps/create-order-consents"
import { enqueueJobsStep } from "./steps/enqueue-jobs"
import { runTogetherIn } from "./run-together"

/** order.placed → a consent row for each order whose shopper ticked the box → a queued member upsert each. */
export const recordOrderConsentWorkflow = createWorkflow(
  "mailchimp-record-order-consent",
  (input: { order_ids: string[] }) => {
    const consentInputs = buildOrderConsentsStep(input)
    const consents = createOrderConsentsStep(consentInputs)
    const links = transform({ consents }, ({ consents }) =>
      consents
        .filter((c) => c.created && c.customer_id)
        .map((c) => ({ [Modules.CUSTOMER]: { customer_id: c.customer_id }, [MAILCHIMP_MODULE]: { consent_id: c.id } }))
    )
    when("new-consents-of-customers", { links }, ({ links }) => links.length > 0).then(() => {
      createRemoteLinkStep(links)
    })
    const jobs = transform({ consents }, ({ consents }) =>
      consents.map((c) => ({ name: "consent.sync" as const, payload: { consent_id: c.id } }))
    )
    enqueueJobsStep(jobs)
    return new WorkflowResponse(consents)
  }
)

/** What order.placed's subscriber calls: the orders placed while a run is under way are recorded by the next run together. */
export const recordOrderConsent = runTogetherIn<MedusaContainer>((container, order_ids) => recordOrderConsentWorkflow(container).run({ input: { order_ids } }))
