import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { consentRow, type CreateConsentInput, type CreatedConsent } from "./create-consent"

/**
 * Writes the consent rows of these orders' opt-ins, all in one insert. An order yields one consent
 * however often it is placed or replayed: one that has its consent already answers that one.
 */
export const createOrderConsentsStep = createStep(
  "create-mailchimp-order-consents",
  async (inputs: CreateConsentInput[], { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const existing = await service.consentsOfOrders(inputs.map((i) => i.order_id!))
    const fresh = inputs.filter((i) => !existing.has(i.order_id!))
    const audienceId = service.getOptions().audienceId
    const created = fresh.length ? await service.createConsents(fresh.map((i) => consentRow(i, audienceId))) : []
    const consents: CreatedConsent[] = [
      ...[...existing.values()].map((c) => ({ id: c.id, customer_id: c.customer_id, created: false })),
      ...created.map((c) => ({ id: c.id, customer_id: c.customer_id, created: true })),
    ]
    return new StepResponse(consents, created.map((c) => c.id))
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) return
    await container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).deleteConsents(createdIds)
  }
)
