import { Modules } from "@medusajs/framework/utils"
import type { ProcessorContext } from "../../../queue/processors/context"
import type { FormObject } from "./parse-form"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../mailchimp-campaigns"
import type MailchimpCampaignsService from "../../mailchimp-campaigns/service"
import { applyCampaignEvent } from "../../mailchimp-campaigns/webhooks/apply-campaign-event"

type StoredEvent = {
  id: string
  type: string
  audience_id: string | null
  email: string | null
  fired_at: Date
  payload: Record<string, unknown>
}

export type ApplyResult = { status: "applied" | "ignored"; outcome: string }

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null)

/**
 * What each Mailchimp event means for the store. Status changes go through the member row's
 * "newer wins" rule; each one that lands is also written to the consent history.
 */
export async function applyWebhookEvent(event: StoredEvent, ctx: ProcessorContext): Promise<ApplyResult> {
  const { service, options } = ctx
  if (event.audience_id && event.audience_id !== options.audienceId) {
    return { status: "ignored", outcome: `another audience (${event.audience_id})` }
  }
  const data = ((event.payload as FormObject).data ?? {}) as FormObject
  const at = new Date(event.fired_at)
  const email = event.email!
  const evidence = { webhook_event_id: event.id, fired_at: at.toISOString(), type: event.type }

  const statusChange = async (
    status: "subscribed" | "unsubscribed" | "cleaned" | "archived",
    action: "opt_in" | "opt_out" | "cleaned",
    extra: { reason?: string | null; campaign_id?: string | null } = {}
  ): Promise<ApplyResult> => {
    const merges = typeof data.merges === "object" ? (data.merges as Record<string, unknown>) : null
    const change = await service.recordMemberStatus({ email, status, at, source: "mailchimp", merge_fields: merges, ...extra })
    if (!change.applied) {
      return { status: "ignored", outcome: "older than the member's current state" }
    }
    await service.createConsents({
      email,
      customer_id: change.customer_id ?? null,
      audience_id: options.audienceId,
      action,
      source: "mailchimp",
      evidence: { ...evidence, ...extra, ip_opt: text(data.ip_opt), ip_signup: text(data.ip_signup) },
      mailchimp_status: status,
      sync_status: "synced",
      synced_at: new Date(),
    })
    return { status: "applied", outcome: `member ${status}` }
  }

  switch (event.type) {
    case "subscribe":
      return statusChange("subscribed", "opt_in")
    case "unsubscribe": {
      const deleted = text(data.action) === "delete"
      return statusChange(deleted ? "archived" : "unsubscribed", "opt_out", {
        reason: text(data.reason) ?? (deleted ? "delete" : "manual"),
        campaign_id: text(data.campaign_id),
      })
    }
    case "cleaned":
      return statusChange("cleaned", "cleaned", { reason: text(data.reason), campaign_id: text(data.campaign_id) })
    case "profile": {
      const merges = (typeof data.merges === "object" ? data.merges : {}) as Record<string, unknown>
      const change = await service.recordMemberProfile({ email, merge_fields: merges, at })
      if (!change.applied) {
        return { status: "ignored", outcome: "no member for that address, or an older profile" }
      }
      if (options.applyProfileToCustomer && change.customer_id) {
        await updateCustomerName(ctx, change.customer_id, text(merges[options.mergeFields.first_name]), text(merges[options.mergeFields.last_name]))
        return { status: "applied", outcome: "profile recorded; customer name updated" }
      }
      return { status: "applied", outcome: "profile recorded" }
    }
    case "upemail": {
      const to = text(data.new_email)!.toLowerCase()
      const change = await service.renameMember({ from: email, to })
      if (!change.applied) {
        return { status: "ignored", outcome: "no member for the old address, or the new one is already a member" }
      }
      await service.createConsents({
        email: to,
        customer_id: change.customer_id ?? null,
        audience_id: options.audienceId,
        action: "email_changed",
        source: "mailchimp",
        evidence: { ...evidence, old_email: email, new_email: to },
        sync_status: "synced",
        synced_at: new Date(),
      })
      return { status: "applied", outcome: `member moved to ${to}` }
    }
    case "campaign": {
      const local = await applyCampaignEvent(campaignsModule(ctx), { id: text(data.id), status: text(data.status) }, at)
      return { status: "applied", outcome: `campaign ${text(data.id) ?? "?"} ${text(data.status) ?? ""}${local ? `; ${local}` : ""}`.trim() }
    }
    default:
      return { status: "ignored", outcome: `unknown event type ${event.type}` }
  }
}

async function updateCustomerName(ctx: ProcessorContext, customerId: string, firstName: string | null, lastName: string | null) {
  const update: Record<string, string> = {}
  if (firstName) update.first_name = firstName
  if (lastName) update.last_name = lastName
  if (!Object.keys(update).length) return
  const customers = ctx.resolve<{ updateCustomers(id: string, data: Record<string, string>): Promise<unknown> }>(
    Modules.CUSTOMER
  )
  await customers.updateCustomers(customerId, update)
}

// The campaigns module, when the store runs it.
function campaignsModule(ctx: ProcessorContext): MailchimpCampaignsService | undefined {
  try {
    return ctx.resolve<MailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
  } catch {
    return undefined
  }
}
