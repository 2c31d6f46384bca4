import { Modules } from "@medusajs/framework/utils"
import { subscriberHash } from "../../../mailchimp"
import type { ProcessorContext } from "../context"
import type { FormObject } from "../../../modules/mailchimp/webhooks/parse-form"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../../modules/mailchimp-campaigns"
import type { IMailchimpCampaignsService } from "../../../types/mailchimp-campaigns-module"
import { applyCampaignEvent } from "../../../modules/mailchimp-campaigns/webhooks/apply-campaign-event"
import { consentAudiences } from "../../../modules/mailchimp/audience/channel-audience"

type StoredEvent = {
  id: string
  type: string
  audience_id: string | null
  email: string | null
  fired_at: Date
  payload: Record<string, unknown>
}

// `settled`: the outcome was already written with the effect (status events); the others are settled after it.
export type ApplyResult = { status: "applied" | "ignored"; outcome: string; settled?: boolean }

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null)

/**
 * What each Mailchimp event means for the store. Status changes go through the member row's
 * "newer wins" rule; each one that lands is also written to the consent history.
 */
export async function applyWebhookEvent(event: StoredEvent, ctx: ProcessorContext): Promise<ApplyResult> {
  const { service, options } = ctx
  // A delivery applies to the audience it names (each has its own webhook and secret), and only to one the plugin
  // uses: the plugin's own or, with salesChannels, a store's.
  if (!event.audience_id) {
    return { status: "ignored", outcome: "no audience (data[list_id]) in the delivery" }
  }
  const audienceId = event.audience_id
  if (!consentAudiences(options).includes(audienceId)) {
    return { status: "ignored", outcome: `another audience (${audienceId}): not one this store uses` }
  }
  const data = ((event.payload as FormObject).data ?? {}) as FormObject
  const at = new Date(event.fired_at)
  const email = event.email!
  const evidence = { webhook_event_id: event.id, fired_at: at.toISOString(), type: event.type }

  // The member's change, its consent row and the event's outcome in one statement (one transaction), already settled.
  const statusChange = async (
    status: "subscribed" | "unsubscribed" | "cleaned" | "archived",
    action: "opt_in" | "opt_out" | "cleaned",
    extra: { reason?: string | null; campaign_id?: string | null } = {}
  ): Promise<ApplyResult> => {
    const merges = typeof data.merges === "object" ? (data.merges as Record<string, unknown>) : null
    const outcomes = { applied: `member ${status}`, ignored: "older than the member's current state" }
    const change = await service.applyWebhookStatus({
      event_id: event.id,
      change: { email, audience_id: audienceId, status, at, source: "mailchimp", merge_fields: merges, ...extra },
      consent: { action, evidence: { ...evidence, ...extra, ip_opt: text(data.ip_opt), ip_signup: text(data.ip_signup) } },
      outcomes,
    })
    return change.applied
      ? { status: "applied", outcome: outcomes.applied, settled: true }
      : { status: "ignored", outcome: outcomes.ignored, settled: true }
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
      const ignored = "no member for that address, or an older profile"
      // One that changes nothing is settled with the update; one that lands, after the rest of its effect.
      const change = await service.applyWebhookProfile({ event_id: event.id, email, audience_id: audienceId, merge_fields: merges, at, ignored })
      if (!change.applied) {
        return { status: "ignored", outcome: ignored, settled: true }
      }
      // Interests come by name (data[merges][INTERESTS]); names are never mapped back to ids: the member is read.
      const names = typeof merges.INTERESTS === "string" ? merges.INTERESTS : null
      if (names !== null && (await service.noteInterestNames({ email, names, audience_id: audienceId }))) {
        await service.getQueue().enqueue("member.interests.read", { audience_id: audienceId, email_hash: subscriberHash(email), event_id: event.id })
      }
      if (options.applyProfileToCustomer && change.customer_id) {
        await updateCustomerName(ctx, change.customer_id, text(merges[options.mergeFields.first_name]), text(merges[options.mergeFields.last_name]))
        return { status: "applied", outcome: "profile recorded; customer name updated" }
      }
      return { status: "applied", outcome: "profile recorded" }
    }
    case "upemail": {
      const to = text(data.new_email)!.toLowerCase()
      const change = await service.renameMember({ from: email, to, audience_id: audienceId })
      if (!change.applied) {
        return { status: "ignored", outcome: "no member for the old address, or the new one is already a member" }
      }
      await service.createConsents({
        email: to,
        customer_id: change.customer_id ?? null,
        audience_id: audienceId,
        action: "email_changed",
        source: "mailchimp",
        evidence: { ...evidence, old_email: email, new_email: to },
        sync_status: "synced",
        synced_at: new Date(),
      })
      // The new address stays out of the outcome: it is kept, and returned as the job's result.
      return { status: "applied", outcome: "member moved to the new address" }
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
function campaignsModule(ctx: ProcessorContext): IMailchimpCampaignsService | undefined {
  try {
    return ctx.resolve<IMailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE)
  } catch {
    return undefined
  }
}
