import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService, OptOutInput } from "../../types/mailchimp-module"

type Recorded = { consents: { id: string; customer_id: string | null }[]; superseded: string[] }

/** Writes opt-out consents; the opt-ins of those addresses still waiting become moot (same transaction). */
export const recordOptOutsStep = createStep(
  "record-mailchimp-opt-outs",
  async (inputs: OptOutInput[], { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const recorded = await service.recordOptOuts(inputs)
    return new StepResponse<Recorded, Recorded>(recorded, recorded)
  },
  async (recorded, { container }) => {
    if (!recorded) return
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    if (recorded.consents.length) await service.deleteConsents(recorded.consents.map((c) => c.id))
    if (recorded.superseded.length) {
      await service.updateConsents(recorded.superseded.map((id) => ({ id, sync_status: "pending" as const, sync_error: null })))
    }
  }
)
