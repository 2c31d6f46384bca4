import { MailchimpError } from "../../../mailchimp"
import { describeError, isFinal } from "../describe-error"
import { storeGone } from "./ensure-store"
import type { SyncObjectType, SyncOutcome } from "../../../types/mailchimp-commerce-module"
import type { CommerceContext } from "./context"

type SyncRow = { object_type: string; object_id: string; revision: number; status: string; action: string; remote_exists: boolean; payload_hash: string | null }

/**
 * The frame of every live e-commerce write: read the object's sync row, do the write, and mark
 * the row with the outcome only if no newer change came in meanwhile; when one did, queue a
 * follow-up (`again`), which reads the newer state. A 400 is final and kept with Mailchimp's
 * words; a retryable error leaves the row pending (BullMQ retries, then the reconciler).
 */
export async function runSync(
  ctx: CommerceContext,
  objectType: SyncObjectType,
  objectId: string,
  write: (row: SyncRow) => Promise<SyncOutcome>,
  again: (rev: number) => Promise<unknown>
): Promise<Record<string, unknown>> {
  const row = (await ctx.commerce.getSync(objectType, objectId)) as SyncRow | null
  if (!row || row.status !== "pending") {
    return { skipped: row ? `already ${row.status}` : "nothing requested" }
  }
  const ref = { object_type: objectType, object_id: objectId, revision: row.revision }
  let outcome: SyncOutcome
  try {
    outcome = await write(row)
  } catch (e) {
    if (await storeGone(ctx, e)) {
      await ctx.commerce.noteSyncAttempt(objectType, objectId, describeError(e))
      throw new MailchimpError({ status: 404, title: "Store not found", detail: "The Mailchimp store is gone: it is connected again, then this write is retried.", retryable: true })
    }
    if (!isFinal(e)) {
      await ctx.commerce.noteSyncAttempt(objectType, objectId, describeError(e))
      throw e
    }
    outcome = { status: "failed", remote_exists: row.remote_exists, error: describeError(e) }
    if (!(await ctx.commerce.completeSync(ref, outcome))) await again(row.revision + 1)
    throw e
  }
  if (!(await ctx.commerce.completeSync(ref, outcome))) {
    await again(row.revision + 1)
    return { ...outcome, superseded: true }
  }
  return { ...outcome }
}
