import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MailchimpError, MemberEventsApi, subscriberHash } from "../../../mailchimp"
import type { GraphQuery } from "../../../modules/mailchimp-commerce/store-data/query"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { isNotFound } from "../describe-error"
import { isErasedBuyer } from "../commerce/erased-buyer"
import { journeysContext } from "./context"

const RECENT_ORDER_MS = 10 * 60_000

// Statuses of a contact an event may go to: in the audience and not archived (the member mirror's word).
const IN_AUDIENCE = new Set(["subscribed", "pending", "unsubscribed", "cleaned", "transactional"])

/**
 * journey.event.send: one recorded event to its member. The row is the guard (Mailchimp's events have no
 * idempotency key): a row already sent, skipped or failed sends nothing, so a retried or re-queued job never sends
 * twice. A crash between Mailchimp's 204 and the row's update can still send it twice (docs/journey-events.md).
 */
export async function sendJourneyEvent({ journey_event_id }: JobPayload<"journey.event.send">, base: ProcessorContext) {
  const ctx = journeysContext(base)
  const [row] = await ctx.journeys.listJourneyEvents({ id: journey_event_id }, { take: 1 })
  if (!row) return { skipped: "no such event" }
  if (row.status !== "pending") return { skipped: `already ${row.status}` }
  const settle = (status: "sent" | "skipped" | "failed", reason: string | null) =>
    ctx.journeys.updateJourneyEvents({ id: row.id, status, reason, ...(status === "sent" ? { sent_at: new Date() } : {}) })

  const config = await ctx.journeys.journeyConfig()
  if (!config.enabled[row.event as keyof typeof config.enabled]) {
    await settle("skipped", "turned_off")
    return { skipped: "turned_off" }
  }
  // The address is read from the order now: neither the job nor the row holds it.
  const query = ctx.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["id", "email", "created_at"], filters: { id: row.order_id } })
  const email: string | undefined = data[0]?.email
  if (!email || subscriberHash(email) !== row.email_hash) {
    await settle("skipped", "no_address")
    return { skipped: "no_address" }
  }
  if (await isErasedBuyer(base, email)) {
    await ctx.journeys.forgetErasedJourneyEvent(row.id)
    return { skipped: "erased" }
  }
  const audienceId = ctx.options.audienceId
  const [member] = await ctx.service.listMembers({ audience_id: audienceId, email: email.trim().toLowerCase() }, { take: 1 })
  if (!member) {
    // The buyer's opt-in of this very order may not have reached Mailchimp yet: wait for it (retried with backoff).
    const [unsettled] = await ctx.service.listConsents({ email: email.trim().toLowerCase(), audience_id: audienceId, action: "opt_in", sync_status: "pending" }, { take: 1, select: ["id"] })
    if (unsettled) throw new Error("the member's opt-in has not reached Mailchimp yet")
    // Medusa runs order.placed's subscribers side by side: this order's consent may not be written yet. A recent
    // order waits through the job's retries; the last attempt settles it as not in the audience.
    const recent = Date.now() - new Date(data[0]?.created_at ?? 0).getTime() < RECENT_ORDER_MS
    if (recent && !ctx.isLastAttempt) throw new Error("the buyer is not in the audience yet")
  }
  if (!member || !IN_AUDIENCE.has(member.status)) {
    await settle("skipped", "not_in_audience")
    return { skipped: "not_in_audience" }
  }

  try {
    await new MemberEventsApi(ctx.client).add(audienceId, row.email_hash, {
      name: row.event,
      properties: row.properties as Record<string, string>,
      occurred_at: new Date(row.occurred_at).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
    })
  } catch (e) {
    if (isNotFound(e)) {
      // Mailchimp no longer holds the contact (deleted there): never sent later.
      await settle("skipped", "not_in_audience")
      return { skipped: "not_in_audience" }
    }
    if (e instanceof MailchimpError && !e.retryable) {
      // A 400 is not retried as is: kept with Mailchimp's words for the admin.
      await settle("failed", `${e.status} ${e.title}: ${e.detail}`.slice(0, 500))
      return { failed: e.status }
    }
    throw e
  }
  await settle("sent", null)
  return { sent: row.event }
}
