import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import { createConsentStep, CreateConsentInput } from "./steps/create-consent"
import { enqueueJobsStep, EnqueueJobsInput } from "./steps/enqueue-jobs"
import { NewsletterChangeInput, planNewsletterChangeStep } from "./steps/plan-newsletter-change"
import { recordOptOutsStep } from "./steps/record-opt-outs"

/**
 * A customer subscribes or unsubscribes (from their account, or an admin on their behalf): the
 * consent rows with their evidence, linked to the customer, then the queued Mailchimp write.
 * An unsubscribe is queued ahead of everything else.
 */
export const setCustomerNewsletterWorkflow = createWorkflow(
  "mailchimp-set-customer-newsletter",
  (input: NewsletterChangeInput) => {
    const plan = planNewsletterChangeStep(input)
    const optIn = when("subscribe", { plan }, ({ plan }) => !!plan.optIn).then(() =>
      createConsentStep(transform({ plan }, ({ plan }) => plan.optIn as CreateConsentInput))
    )
    const optOuts = when("unsubscribe", { plan }, ({ plan }) => plan.optOuts.length > 0).then(() =>
      recordOptOutsStep(transform({ plan }, ({ plan }) => plan.optOuts))
    )
    const written = transform({ optIn, optOuts }, ({ optIn, optOuts }) => {
      const jobs: EnqueueJobsInput = []
      const consents: { id: string; customer_id: string | null }[] = []
      if (optIn) {
        consents.push(optIn)
        jobs.push({ name: "consent.sync", payload: { consent_id: optIn.id } })
      }
      for (const c of optOuts?.consents ?? []) {
        consents.push(c)
        jobs.push({ name: "consent.unsubscribe", payload: { consent_id: c.id } })
      }
      const links = consents
        .filter((c) => c.customer_id)
        .map((c) => ({ [Modules.CUSTOMER]: { customer_id: c.customer_id }, [MAILCHIMP_MODULE]: { consent_id: c.id } }))
      return { jobs, links, consent_ids: consents.map((c) => c.id) }
    })
    when("link-consents", { written }, ({ written }) => written.links.length > 0).then(() => {
      createRemoteLinkStep(transform({ written }, ({ written }) => written.links))
    })
    enqueueJobsStep(transform({ written }, ({ written }) => written.jobs))
    return new WorkflowResponse(
      transform({ plan, written }, ({ plan, written }) => ({
        email: plan.email,
        status: plan.status,
        consent_ids: written.consent_ids,
      }))
    )
  }
)
