import type { ProcessorContext } from "./context"
import { describeError, isFinal } from "./describe-error"
import { lowerToUnsubscribed } from "./lower-to-unsubscribed"

type OptOut = {
  id: string
  audience_id: string
  email: string
  source: "checkout" | "signup" | "account" | "admin" | "mailchimp"
  sync_attempts: number
}

/** Brings an opt-out to Mailchimp at once. Safe to repeat: it only ever lowers a status. */
export async function unsubscribeConsent(consent: OptOut, ctx: ProcessorContext) {
  const { service } = ctx
  try {
    const result = await lowerToUnsubscribed(consent.email, consent.source, ctx, consent.audience_id)
    // settleConsent (plain SQL) replaces sync_error: the ORM's update would merge a new error into the last one.
    await service.settleConsent(consent.id, {
      sync_status: "synced",
      requested_status: "unsubscribed",
      mailchimp_status: result.status,
      sync_error: null,
      sync_attempts: consent.sync_attempts + 1,
      synced_at: new Date(),
    })
    return result
  } catch (e) {
    await service.settleConsent(consent.id, {
      sync_status: isFinal(e) ? "failed" : "pending",
      sync_error: describeError(e),
      sync_attempts: consent.sync_attempts + 1,
    })
    throw e
  }
}
