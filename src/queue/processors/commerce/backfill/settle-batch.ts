import type { BatchStatus } from "../../../../mailchimp"
import { classifyResult, ObjectVerdict, worse } from "../../../../modules/mailchimp-commerce/backfill/classify"
import { parseOperationId } from "../../../../modules/mailchimp-commerce/backfill/operation-id"
import { allowsPlainHttp } from "../../../../options"
import { readBatchResults } from "../../../../modules/mailchimp-commerce/backfill/results"
import type { BackfillKind, BatchResultRow, SyncObjectType } from "../../../../types/mailchimp-commerce-module"
import type { CommerceContext } from "../context"
import { planRetry } from "./plan"

/** Failed operations are sent again this many times (in later batches) before they count as failed. */
export const MAX_BATCH_ATTEMPTS = 3

export const OBJECT_TYPE: Record<BackfillKind, SyncObjectType> = {
  products: "product",
  customers: "customer",
  orders: "order",
  merge_fields: "merge",
}

type OpenBatch = {
  id: string
  run_id: string
  kind: string
  page: number
  attempt: number
  object_ids: string[]
  skipped: number
  submitted_at: Date | string
}

/**
 * Reads a finished batch's results and settles each object: accepted → synced; refused for good →
 * failed with Mailchimp's words; not a member → skipped; a POST of an id Mailchimp holds → sent
 * again as PATCH (and the reverse); retryable answers and missing results → sent again. What is
 * sent again goes out as a new batch, at most MAX_BATCH_ATTEMPTS times.
 */
export async function settleFinishedBatch(ctx: CommerceContext, batch: OpenBatch, status: BatchStatus) {
  const { commerce } = ctx
  const kind = batch.kind as BackfillKind
  const objectType = OBJECT_TYPE[kind]
  const verdicts = new Map<number, ObjectVerdict>()
  if (status.total_operations > 0) {
    await readBatchResults(status.response_body_url, (results) => {
      for (const r of results) {
        const op = parseOperationId(r.operation_id)
        if (!op || op.index >= batch.object_ids.length) continue
        verdicts.set(op.index, worse(verdicts.get(op.index), classifyResult(r, kind === "merge_fields" ? "audience" : "store")))
      }
    }, { allowHttp: allowsPlainHttp(ctx.options) })
  }
  const rows: BatchResultRow[] = []
  const again: string[] = []
  const nowExists: string[] = []
  const nowMissing: string[] = []
  let forceProducts = false
  let forceCustomers = false
  let forceMergeFields = false
  const dropCampaign = new Set<string>()
  let succeeded = 0
  let skipped = 0
  const lastAttempt = batch.attempt + 1 >= MAX_BATCH_ATTEMPTS
  batch.object_ids.forEach((objectId, i) => {
    const verdict = verdicts.get(i) ?? { kind: "retry" as const, error: { title: "No result", detail: "Mailchimp's results did not include this operation." } }
    switch (verdict.kind) {
      case "ok":
        succeeded += 1
        rows.push({ object_id: objectId, status: "synced", remote_exists: true })
        return
      case "not_member":
        skipped += 1
        rows.push({ object_id: objectId, status: "skipped", remote_exists: false, note: "not a member of the audience" })
        return
      case "failed":
        rows.push({ object_id: objectId, status: "failed", remote_exists: false, error: verdict.error })
        return
    }
    if (verdict.kind === "exists") nowExists.push(objectId)
    if (verdict.kind === "missing") nowMissing.push(objectId)
    if (verdict.kind === "unknown_product") forceProducts = true
    if (verdict.kind === "unknown_customer") forceCustomers = true
    if (verdict.kind === "unknown_merge_field") forceMergeFields = true
    if (verdict.kind === "unknown_campaign") dropCampaign.add(objectId)
    if (lastAttempt) {
      const error = "error" in verdict ? verdict.error : { title: "Not settled", detail: `Still "${verdict.kind}" after ${MAX_BATCH_ATTEMPTS} attempts.` }
      rows.push({ object_id: objectId, status: "failed", remote_exists: verdict.kind === "exists", error })
    } else {
      again.push(objectId)
    }
  })
  await commerce.setRemoteExists(objectType, nowExists, true)
  await commerce.setRemoteExists(objectType, nowMissing, false)

  let retry: Parameters<CommerceContext["commerce"]["settleBatch"]>[2] = null
  if (again.length) {
    const plan = await planRetry(ctx, kind, again, { forceProducts, forceCustomers, forceMergeFields, dropCampaign })
    if (plan.operations.length) {
      const submitted = await ctx.client.batches.create(plan.operations)
      retry = {
        run_id: batch.run_id,
        kind,
        page: batch.page,
        attempt: batch.attempt + 1,
        mailchimp_batch_id: submitted.id,
        object_ids: plan.objectIds,
        skipped: 0,
      }
    }
  }
  const failed = rows.filter((r) => r.status === "failed").length
  const retried = retry?.object_ids.length ?? 0
  // Objects to send again that the store no longer has are skipped, not failed.
  const vanished = again.length - retried
  const settled = await commerce.settleBatch(
    batch.id,
    { status: "finished", succeeded, errored: failed + retried, retried, skipped: batch.skipped + skipped + vanished },
    retry
  )
  if (!settled) return { batch: batch.id, settled: false }
  // Rows are created for objects without one: later runs and live jobs learn what Mailchimp holds.
  await commerce.recordBatchResults(objectType, batch.run_id, new Date(batch.submitted_at), rows)
  return { batch: batch.id, settled: true, succeeded, failed, retried, skipped: skipped + vanished }
}
