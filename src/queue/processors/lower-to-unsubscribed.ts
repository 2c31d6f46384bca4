import { subscriberHash } from "../../mailchimp"
import { decideUnsubscribe } from "../../modules/mailchimp/rules/list-management"
import type { MemberStatus } from "../../modules/mailchimp/rules/next-member-status"
import type { ProcessorContext } from "./context"
import { mailchimpClock } from "./mailchimp-clock"
import { readMember } from "./read-member"

type Source = "checkout" | "signup" | "account" | "admin" | "mailchimp"

/**
 * Makes sure Mailchimp sends an address no more marketing email: a subscribed or pending
 * member becomes unsubscribed; anything else is left as it is (never created, never raised).
 */
export async function lowerToUnsubscribed(
  email: string,
  source: Source,
  ctx: ProcessorContext,
  /** The opt-out's audience (default: the plugin's). */
  audienceId = ctx.options.audienceId
): Promise<{ status: MemberStatus | null; changed: boolean; reason?: string }> {
  const { client, service } = ctx
  const hash = subscriberHash(email)
  const existing = await readMember(client, audienceId, hash)
  const decision = decideUnsubscribe((existing?.status as MemberStatus) ?? null)
  if (decision.kind === "none") {
    if (existing) {
      // What Mailchimp holds is news to the store only when a webhook was missed.
      await service.recordMemberStatus({
        audience_id: audienceId,
        email,
        status: existing.status,
        at: mailchimpClock(existing.last_changed),
        source: "mailchimp",
      })
    }
    return { status: (existing?.status as MemberStatus) ?? null, changed: false, reason: decision.reason }
  }
  const member = await client.members.update(audienceId, hash, { status: "unsubscribed" })
  await service.recordMemberStatus({
    audience_id: audienceId,
    email,
    status: member.status,
    at: mailchimpClock(member.last_changed),
    source,
    reason: `asked through the store (${source})`,
  })
  return { status: member.status as MemberStatus, changed: true }
}
