import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../../../../types/mailchimp-module"
import { setCustomerNewsletterWorkflow } from "../../../../../../workflows/set-customer-newsletter"
import { readCustomerNewsletter } from "../../../../../utils/customer-newsletter"
import { requestEvidence } from "../../../../../utils/request-evidence"
import type { AdminCustomerNewsletterType } from "./validators"
import type { AdminCustomerNewsletterResponse, AdminSetCustomerNewsletterResponse } from "../../../../../../types/http"

const WAIT_MS = 10_000

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminCustomerNewsletterResponse>) {
  res.json({ newsletter: await readCustomerNewsletter(req.scope, req.params.id) })
}

/**
 * Subscribes or unsubscribes a customer on their behalf; the admin user is the evidence. Answers
 * with what Mailchimp made of it (the consents as stored after their job ran), or with the
 * consents still pending when Mailchimp is slow.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminCustomerNewsletterType>, res: MedusaResponse<AdminSetCustomerNewsletterResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { subscribed, note } = req.validatedBody
  const { result } = await setCustomerNewsletterWorkflow(req.scope).run({
    input: {
      customer_id: req.params.id,
      subscribed,
      source: "admin",
      evidence: {
        ...requestEvidence(req, subscribed ? "subscribed by an admin" : "unsubscribed by an admin"),
        actor_type: req.auth_context.actor_type,
        actor_id: req.auth_context.actor_id,
        ...(note ? { note } : {}),
      },
    },
  })
  const queue = service.getQueue()
  const job = subscribed ? ("consent.sync" as const) : ("consent.unsubscribe" as const)
  await Promise.all(
    result.consent_ids.map((consent_id) => queue.runAndWait(job, { consent_id }, WAIT_MS).catch(() => undefined))
  )
  const consents = result.consent_ids.length ? await service.listConsents({ id: result.consent_ids }) : []
  res.json({ newsletter: await readCustomerNewsletter(req.scope, req.params.id), consents })
}
