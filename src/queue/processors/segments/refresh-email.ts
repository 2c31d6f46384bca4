import type { JobPayload } from "../../jobs"
import type { ProcessorContext } from "../context"
import { segmentsContext } from "./context"

/**
 * segments.email.refresh: one address re-evaluated in every segment (an order placed, a consent
 * or status change); each segment it entered or left has its difference queued for Mailchimp.
 */
export async function refreshEmailSegments(payload: JobPayload<"segments.email.refresh">, base: ProcessorContext) {
  const ctx = segmentsContext(base)
  const changed = await ctx.segments.evaluateEmail(payload.email, ctx.audienceId)
  const queue = base.service.getQueue()
  for (const segment_id of changed) await queue.enqueue("segments.push", { segment_id })
  return { changed }
}
