import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../context"
import { segmentsContext } from "./context"

/**
 * segments.email.refresh: one address re-evaluated in every segment (an order placed, a consent
 * or status change); each segment it entered or left has its difference queued for Mailchimp. The job
 * carries the address's subscriber hash, never the address.
 */
export async function refreshEmailSegments(payload: JobPayload<"segments.email.refresh">, base: ProcessorContext) {
  const ctx = segmentsContext(base)
  const changed = await ctx.segments.evaluateHash(payload.email_hash, ctx.audienceId)
  const queue = base.service.getQueue()
  for (const segment_id of changed) await queue.enqueue("segments.push", { segment_id })
  return { changed }
}
