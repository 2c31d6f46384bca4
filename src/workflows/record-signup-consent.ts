import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createConsentStep, CreateConsentInput } from "./steps/create-consent"
import { enqueueJobsStep } from "./steps/enqueue-jobs"

/** A standalone signup (a footer form): the consent with its evidence, then a queued upsert. */
export const recordSignupConsentWorkflow = createWorkflow(
  "mailchimp-record-signup-consent",
  (input: CreateConsentInput) => {
    const created = createConsentStep(input)
    const jobs = transform({ created }, ({ created }) => [
      { name: "consent.sync" as const, payload: { consent_id: created.id } },
    ])
    enqueueJobsStep(jobs)
    return new WorkflowResponse(created)
  }
)
