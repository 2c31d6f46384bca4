import { MailchimpError, mailchimpLanguage, mailchimpTime, subscriberHash } from "../../mailchimp"
import { decideOptIn, MemberStatus, OptInDecision } from "../../modules/mailchimp/rules/next-member-status"
import { buildMergeFields, ConsentProfile } from "../../modules/mailchimp/rules/merge-fields"
import { optInExtrasBody } from "../../modules/mailchimp/rules/opt-in-extras"
import type { OptInExtras } from "../../modules/mailchimp/audience/opt-in-offer"
import { supersededBy, undoAfterWrite } from "../../modules/mailchimp/rules/list-management"
import type { JobPayload } from "../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "./context"
import { describeError } from "./describe-error"
import { mailchimpClock } from "./mailchimp-clock"
import { undoOptIn } from "./undo-opt-in"
import { duePurchaseFields, settleDuePurchaseFields } from "./commerce/due-purchase-fields"
import { holdForAntiAbuse } from "./anti-abuse"
import { isAntiAbuse } from "./member-refusals"
import { MemberWrite, writeOptIn } from "./write-opt-in"
import { unsubscribeConsent } from "./unsubscribe-consent"
import { writeSignupMember } from "./write-signup-member"

/**
 * Brings one consent row to Mailchimp. Safe to run twice: a row already synced or failed is
 * left alone, and the write is a PUT upsert on the member's stable hash. An opt-in that a later
 * opt-out or erasure of the address overtook is not written, or is undone when the two raced.
 */
export async function syncConsent({ consent_id }: JobPayload<"consent.sync">, ctx: ProcessorContext) {
  const { service, client } = ctx
  const consent = await service.getConsent(consent_id)
  if (!consent || consent.sync_status !== "pending") {
    return { skipped: true }
  }
  if (consent.action === "opt_out") {
    return unsubscribeConsent(consent, ctx)
  }
  if (consent.action !== "opt_in") {
    return { skipped: true }
  }
  const optIn = { id: consent.id, at: new Date(consent.created_at) }
  // Everything below is about the consent's own audience (a sales channel's, or the plugin's), never the option's.
  const audienceId = consent.audience_id
  try {
    const moot = supersededBy(optIn, await service.choicesFor(consent.email, audienceId))
    if (moot) {
      // An earlier attempt may have reached Mailchimp before failing: make sure it did not stick.
      const undone = consent.sync_attempts > 0 ? await undoOptIn(consent.email, moot, ctx, audienceId) : "not written"
      await service.settleConsent(consent.id, {
        sync_status: "superseded",
        sync_error: { title: "Superseded", detail: `a later ${moot.kind} of this address; ${undone}` },
        sync_attempts: consent.sync_attempts + 1,
      })
      return { superseded: moot.kind }
    }
    const audience = await service.getAudienceProfile(audienceId)
    const hash = subscriberHash(consent.email)
    const evidence = (consent.evidence ?? {}) as { ip?: string; at?: string } & Partial<OptInExtras>
    // The checkout's locale as Mailchimp's language; none when it has no such code (never a language erased).
    const language = mailchimpLanguage((consent.profile as ConsentProfile | null)?.locale)
    const body = {
      email_address: consent.email,
      merge_fields: buildMergeFields(consent.profile as ConsentProfile, audience.mergeTags, ctx.options.mergeFields, audience.usPhoneTags),
      // The interests and permissions the shopper chose (kept in the evidence); none when nothing was chosen.
      ...optInExtrasBody(evidence),
      ...(language ? { language } : {}),
      ...(evidence.ip ? { ip_signup: evidence.ip } : {}),
      ...(evidence.at ? { timestamp_signup: mailchimpTime(evidence.at) } : {}),
    }
    // An anonymous signup proves nothing about who owns the address: Mailchimp asks its owner to confirm
    // (unless the merchant turned confirmSignups off), and it never changes a member Mailchimp holds.
    const anonymous = consent.source === "signup"
    const doubleOptIn = anonymous && ctx.options.confirmSignups ? true : audience.doubleOptIn
    // One call for the usual case, a new member: `status_if_new` applies only to an address Mailchimp does
    // not hold (or archived), so whoever it holds keeps their status through this write, and the status
    // the opt-in may set is decided from what Mailchimp answers.
    const asNew = decideOptIn(null, doubleOptIn) as Extract<OptInDecision, { kind: "write" }>
    // Whether a signup met a member Mailchimp already held: then no write carries the signup's own fields.
    let held = false
    const write: MemberWrite = async ({ full, storeFields, query }) => {
      if (!anonymous) return client.members.upsert(consent.audience_id, hash, full, query)
      const written = await writeSignupMember({ audienceId: consent.audience_id, hash, full, storeFields, status: full.status_if_new!, query }, ctx)
      held = !written.created
      return written.member
    }
    // A checkout's opt-in comes with its order: the buyer's purchase fields go along when they are due. They are
    // kept for the plugin's audience only (the merge job's): an opt-in into a sales channel's audience goes without.
    const due = audienceId === ctx.options.audienceId ? await duePurchaseFields(consent.email, audience.mergeTags, ctx) : null
    const written = await writeOptIn(consent, body, asNew.status, audience, due, write, ctx)
    let member = written.member
    const purchase = written.purchase
    const decision = decideOptIn(member.status as MemberStatus, doubleOptIn)
    if (decision.kind === "refuse") {
      await service.settleConsent(consent.id, {
        sync_status: "failed",
        mailchimp_status: member.status,
        sync_error: { title: "Not resubscribed", detail: decision.reason },
        sync_attempts: consent.sync_attempts + 1,
      })
      return { refused: decision.reason }
    }
    if (member.status !== decision.status) {
      // What landed, not what was first built: an interest or field Mailchimp refused is not sent again.
      const { body: landed, query } = written.landed
      member = await client.members.upsert(
        consent.audience_id,
        hash,
        { ...(held ? { email_address: consent.email } : landed), status_if_new: decision.status, status: decision.status },
        query
      )
    }
    if (ctx.options.tags.length) {
      await client.members.updateTags(
        consent.audience_id,
        hash,
        ctx.options.tags.map((name) => ({ name, status: "active" as const }))
      )
    }
    const raced = undoAfterWrite(optIn, await service.choicesFor(consent.email, audienceId))
    if (raced) {
      const undone = await undoOptIn(consent.email, raced, ctx, audienceId)
      await service.settleConsent(consent.id, {
        sync_status: "superseded",
        mailchimp_status: member.status,
        sync_error: { title: "Superseded", detail: `a later ${raced.kind} of this address came while writing; ${undone}` },
        sync_attempts: consent.sync_attempts + 1,
      })
      return { superseded: raced.kind }
    }
    await service.recordMemberStatus({
      audience_id: audienceId,
      email: consent.email,
      status: member.status,
      at: mailchimpClock(member.last_changed),
      source: consent.source,
      customer_id: consent.customer_id,
      merge_fields: member.merge_fields,
    })
    if (consent.customer_id) {
      // The member now follows its customer: profile, email and group changes.
      await service.linkMemberToCustomer({
        audience_id: audienceId,
        email: consent.email,
        customer_id: consent.customer_id,
        customer_email: consent.customer_email ?? null,
      })
      await service.getQueue().enqueue("customer.sync", { customer_id: consent.customer_id })
    }
    if (purchase) await settleDuePurchaseFields(purchase, ctx)
    await service.settleConsent(consent.id, {
      sync_status: "synced",
      requested_status: decision.status,
      mailchimp_status: member.status,
      // What the opt-in went without, or through, to land (shown to the merchant).
      sync_error: written.notes.length ? { title: "Sent with changes", detail: written.notes.join("; "), at: new Date().toISOString() } : null,
      sync_attempts: consent.sync_attempts + 1,
      synced_at: new Date(),
    })
    return { status: member.status }
  } catch (e) {
    if (isAntiAbuse(e)) return holdForAntiAbuse(consent, e as MailchimpError, ctx)
    const error = describeError(e)
    const final = e instanceof MailchimpError && !e.retryable
    await service.settleConsent(consent.id, {
      sync_status: final ? "failed" : "pending",
      sync_error: error,
      sync_attempts: consent.sync_attempts + 1,
    })
    throw e
  }
}
