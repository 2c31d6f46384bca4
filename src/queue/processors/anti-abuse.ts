import type { MailchimpError } from "../../mailchimp"
import type { ConsentRow } from "../../types/mailchimp-module"
import type { ProcessorContext } from "./context"

/**
 * Mailchimp's anti-abuse check refuses an address that "has signed up to a lot of lists very recently" (mc4wp #506,
 * #771): not final, but not something to retry in seconds. The opt-in is held back and tried again after these
 * hours (the reconciler picks it up at its retry_at), then given up and shown to the merchant.
 */
export const ANTI_ABUSE_RETRY_HOURS = [1, 6, 24] as const

const TITLE = "Refused by Mailchimp's anti-abuse check"
const GIVEN_UP = "Given up: Mailchimp's anti-abuse check kept refusing"

export async function holdForAntiAbuse(consent: ConsentRow, e: MailchimpError, ctx: ProcessorContext) {
  const before = (consent.sync_error ?? {}) as { anti_abuse_refusals?: unknown }
  const refusals = (typeof before.anti_abuse_refusals === "number" ? before.anti_abuse_refusals : 0) + 1
  // Mailchimp's words name the address: the merchant sees them without it.
  const detail = e.detail.split(consent.email).join("the address")
  const hours = ANTI_ABUSE_RETRY_HOURS[refusals - 1]
  const at = new Date()
  if (hours === undefined) {
    await ctx.service.settleConsent(consent.id, {
      sync_status: "failed",
      sync_attempts: consent.sync_attempts + 1,
      sync_error: {
        title: GIVEN_UP,
        detail: `${detail} (refused ${refusals} times, retried after ${ANTI_ABUSE_RETRY_HOURS.join(", ")} hours)`,
        anti_abuse_refusals: refusals,
        retryable: false,
        at: at.toISOString(),
      },
    })
    return { given_up: "anti-abuse" }
  }
  const retryAt = new Date(at.getTime() + hours * 3_600_000)
  await ctx.service.settleConsent(consent.id, {
    sync_status: "pending",
    sync_attempts: consent.sync_attempts + 1,
    retry_at: retryAt,
    sync_error: {
      title: TITLE,
      detail: `${detail}; tried again after ${hours} h (${retryAt.toISOString()})`,
      anti_abuse_refusals: refusals,
      retry_at: retryAt.toISOString(),
      retryable: true,
      at: at.toISOString(),
    },
  })
  return { held_until: retryAt.toISOString() }
}
