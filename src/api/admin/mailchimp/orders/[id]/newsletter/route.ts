import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../../../../../../modules/mailchimp"
import { NEWSLETTER_METADATA_KEY, readNewsletterChoice } from "../../../../../../modules/mailchimp/newsletter-choice"
import type { IMailchimpModuleService } from "../../../../../../types/mailchimp-module"
import { commerceSyncOf } from "../../../commerce-sync-view"
import type { AdminOrderNewsletterResponse } from "../../../../../../types/http"

/**
 * The order page's view: the shopper's choice at checkout (from the order's metadata), the
 * consent it made and how far it got to Mailchimp, the member's status, and the order's own sync.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminOrderNewsletterResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "email", "customer_id", "metadata"],
    filters: { id: req.params.id },
  })
  const order = orders[0]
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${req.params.id} was not found`)
  // Only the choice the plugin sealed; anything else under the key was ignored when the order was placed.
  const sealed = readNewsletterChoice(order.metadata, service.getEvidenceKey())
  const choice = sealed
    ? { opt_in: sealed.opt_in, at: sealed.at, label: sealed.label }
    : (order.metadata ?? {})[NEWSLETTER_METADATA_KEY] !== undefined
      ? { opt_in: false, at: null, label: null, ignored: "not written by the plugin" }
      : null
  const [consent] = await service.listConsents({ order_id: order.id }, { take: 1 })
  const email = (consent?.email ?? order.email ?? "").toLowerCase()
  const [member] = email
    ? await service.listMembers({ audience_id: consent?.audience_id ?? service.getOptions().audienceId, email }, { take: 1 })
    : []
  res.json({
    newsletter: {
      order_id: order.id,
      email: order.email ?? null,
      choice,
      consent: consent
        ? {
            id: consent.id,
            created_at: consent.created_at,
            audience_id: consent.audience_id,
            evidence: consent.evidence,
            requested_status: consent.requested_status,
            mailchimp_status: consent.mailchimp_status,
            sync_status: consent.sync_status,
            sync_error: consent.sync_error,
            sync_attempts: consent.sync_attempts,
            synced_at: consent.synced_at,
          }
        : null,
      member: member ? { status: member.status, status_at: member.status_at, status_source: member.status_source } : null,
      order_sync: await commerceSyncOf(req.scope, "order", order.id),
    },
  })
}
