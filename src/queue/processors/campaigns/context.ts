import { MailchimpError } from "../../../mailchimp"
import type { Campaign as RemoteCampaign } from "../../../mailchimp/campaign-types"
import { MAILCHIMP_CAMPAIGNS_MODULE } from "../../../modules/mailchimp-campaigns"
import type { IMailchimpCampaignsService } from "../../../types/mailchimp-campaigns-module"
import type { ProcessorContext } from "../context"

export type CampaignsContext = ProcessorContext & { campaigns: IMailchimpCampaignsService }

export function campaignsContext(ctx: ProcessorContext): CampaignsContext {
  return { ...ctx, campaigns: ctx.resolve<IMailchimpCampaignsService>(MAILCHIMP_CAMPAIGNS_MODULE) }
}

const LOCAL_STATUSES = ["save", "paused", "schedule", "sending", "sent", "canceled"] as const
export type LocalStatus = (typeof LOCAL_STATUSES)[number]

/** Mailchimp's status in the store's words ("canceling" is still on its way to "canceled"; "archived" was sent). */
export function localStatus(status: string | null | undefined): LocalStatus | null {
  if (!status) return null
  if (status === "canceling") return "canceled"
  if (status === "archived") return "sent"
  return (LOCAL_STATUSES as readonly string[]).includes(status) ? (status as LocalStatus) : null
}

/** The local fields Mailchimp's view of a campaign decides. */
export function stateFromRemote(remote: RemoteCampaign): Record<string, unknown> {
  const status = localStatus(remote.status)
  const fields: Record<string, unknown> = { mailchimp_campaign_id: remote.id }
  if (status) fields.status = status
  if (status === "schedule") fields.scheduled_at = remote.send_time ? new Date(remote.send_time) : null
  if (status === "save" || status === "paused") fields.scheduled_at = null
  if (status === "sending" || status === "sent") fields.scheduled_at = null
  if ((status === "sending" || status === "sent") && remote.send_time) fields.sent_at = new Date(remote.send_time)
  if (status === "sent") fields.emails_sent = remote.emails_sent ?? null
  return fields
}

/** Mailchimp's words on a refusal, as kept in the row's `error`. */
export function problemOf(e: unknown): Record<string, unknown> {
  if (e instanceof MailchimpError) {
    return { status: e.status, title: e.title, detail: e.detail, errors: e.errors }
  }
  return { status: null, title: "Error", detail: (e as Error).message }
}
