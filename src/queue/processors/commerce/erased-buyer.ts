import type { ProcessorContext } from "../context"

/** What a write about an erased buyer settles as: nothing goes to Mailchimp until they opt in again. */
export const ERASED_OUTCOME = { status: "skipped", remote_exists: false, note: "the buyer's address was erased" } as const

/** True when the address was erased and its owner has not opted in since. */
export async function isErasedBuyer(base: ProcessorContext, email: string | null | undefined): Promise<boolean> {
  if (!email) return false
  return (await base.service.erasedSince([email])).size > 0
}
