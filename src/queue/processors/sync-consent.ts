import { MailchimpError, subscriberHash } from "../../mailchimp"
import { decideOptIn, MemberStatus, OptInDecision } from "../../modules/mailchimp/rules/next-member-status"
import { buildMergeFields, ConsentProfile } from "../../modules/mailchimp/rules/merge-fields"
import { supersededBy, undoAfterWrite } from "../../modules/mailchimp/rules/list-management"
import type { JobPayload } from "../jobs"
import type { ProcessorContext } from "./context"
import { describeError } from "./describe-error"
import { mailchimpClock } from "./mailchimp-clock"
import { undoOptIn } from "./undo-opt-in"
import { duePurchaseFields, settleDuePurchaseFields } from "./commerce/due-purchase-fields"
import { isMissingMergeField } from "./commerce/mailchimp-answers"
import { unsubscribeConsent } from "./unsubscribe-consent"

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
  try {
    const moot = supersededBy(optIn, await service.choicesFor(consent.email))
    if (moot) {
      // An earlier attempt may have reached Mailchimp before failing: make sure it did not stick.
      const undone = consent.sync_attempts > 0 ? await undoOptIn(consent.email, moot, ctx) : "not written"
      await service.settleConsent(consent.id, {
        sync_status: "superseded",
        sync_error: { title: "Superseded", detail: `a later ${moot.kind} of this address; ${undone}` },
        sync_attempts: consent.sync_attempts + 1,
      })
      return { superseded: moot.kind }
    }
    const audience = await service.getAudienceProfile()
    const hash = subscriberHash(consent.email)
    const evidence = (consent.evidence ?? {}) as { ip?: string; at?: string }
    const body = {
      email_address: consent.email,
      merge_fields: buildMergeFields(consent.profile as ConsentProfile, audience.mergeTags, ctx.options.mergeFields),
      ...(evidence.ip ? { ip_signup: evidence.ip } : {}),
      ...(evidence.at ? { timestamp_signup: evidence.at } : {}),
    }
    // One call for the usual case, a new member: `status_if_new` applies only to an address Mailchimp does
    // not hold (or archived), so whoever it holds keeps their status through this write, and the status
    // the opt-in may set is decided from what Mailchimp answers.
    const asNew = decideOptIn(null, audience.doubleOptIn) as Extract<OptInDecision, { kind: "write" }>
    // A checkout's opt-in comes with its order: the buyer's purchase fields go along when they are due.
    let purchase = await duePurchaseFields(consent.email, audience.mergeTags, ctx)
    const firstWrite = (extra: Record<string, unknown>) =>
      client.members.upsert(consent.audience_id, hash, { ...body, merge_fields: { ...extra, ...body.merge_fields }, status_if_new: asNew.status })
    let member = await firstWrite(purchase?.values ?? {}).catch((e) => {
      // The purchase fields were removed from the audience since it was read: the opt-in goes without them.
      if (!purchase || !isMissingMergeField(e)) throw e
      purchase = null
      service.forgetAudienceProfile()
      return firstWrite({})
    })
    const decision = decideOptIn(member.status as MemberStatus, audience.doubleOptIn)
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
      member = await client.members.upsert(consent.audience_id, hash, {
        ...body,
        status_if_new: decision.status,
        status: decision.status,
      })
    }
    if (ctx.options.tags.length) {
      await client.members.updateTags(
        consent.audience_id,
        hash,
        ctx.options.tags.map((name) => ({ name, status: "active" as const }))
      )
    }
    const raced = undoAfterWrite(optIn, await service.choicesFor(consent.email))
    if (raced) {
      const undone = await undoOptIn(consent.email, raced, ctx)
      await service.settleConsent(consent.id, {
        sync_status: "superseded",
        mailchimp_status: member.status,
        sync_error: { title: "Superseded", detail: `a later ${raced.kind} of this address came while writing; ${undone}` },
        sync_attempts: consent.sync_attempts + 1,
      })
      return { superseded: raced.kind }
    }
    await service.recordMemberStatus({
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
      sync_error: null,
      sync_attempts: consent.sync_attempts + 1,
      synced_at: new Date(),
    })
    return { status: member.status }
  } catch (e) {
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
