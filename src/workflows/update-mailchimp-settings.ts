import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkMailchimpSettingsStep, MailchimpSettingsChange } from "./steps/check-mailchimp-settings"
import { saveMailchimpSettingsStep } from "./steps/save-mailchimp-settings"

export type UpdateMailchimpSettingsInput = { change: MailchimpSettingsChange; updated_by: string | null }

/** The merchant's settings from the admin: checked against Mailchimp, then saved over the options. */
export const updateMailchimpSettingsWorkflow = createWorkflow(
  "update-mailchimp-settings",
  (input: UpdateMailchimpSettingsInput) => {
    checkMailchimpSettingsStep(input.change)
    const saved = saveMailchimpSettingsStep(input)
    return new WorkflowResponse(saved)
  }
)
