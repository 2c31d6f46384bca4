import type { JobPayload } from "../jobs"
import type { ProcessorContext } from "./context"
import { describeError, isFinal, isNotFound } from "./describe-error"

/**
 * Archives or permanently deletes the member behind an erasure, by its hash alone. An address
 * Mailchimp does not hold (never there, or already gone) counts as erased.
 */
export async function eraseMember({ erasure_id }: JobPayload<"member.erase">, ctx: ProcessorContext) {
  const { service, client } = ctx
  const [erasure] = await service.listErasures({ id: erasure_id })
  if (!erasure || erasure.status !== "pending") {
    return { skipped: true }
  }
  let outcome: string
  try {
    if (erasure.mode === "delete-permanent") {
      await client.members.deletePermanent(erasure.audience_id, erasure.subscriber_hash)
      outcome = "deleted"
    } else {
      await client.members.archive(erasure.audience_id, erasure.subscriber_hash)
      outcome = "archived"
    }
  } catch (e) {
    if (!isNotFound(e)) {
      if (isFinal(e)) {
        await service.finishErasure(erasure.id, { status: "failed", error: describeError(e) })
      }
      throw e
    }
    outcome = "not_found"
  }
  await service.finishErasure(erasure.id, { status: "done", outcome })
  return { outcome }
}
