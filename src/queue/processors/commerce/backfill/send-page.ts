import type { JobPayload } from "../../../../modules/mailchimp/queue-runtime/jobs"
import { storeTargets } from "../../../../modules/mailchimp-commerce/channels"
import type { BackfillKind } from "../../../../types/mailchimp-commerce-module"
import type { ProcessorContext } from "../../context"
import { commerceContext, inStore, type CommerceContext } from "../context"
import { ensureStoreSyncing } from "../ensure-store"
import { planClaimedPage } from "./plan"

type ClaimedBatch = { id: string; run_id: string; kind: string; page: number; object_ids: string[] }

/**
 * Sends a claimed page: plans it (page mode: its customers' batch subscribe, its orders' purchase rows; all
 * idempotent), POSTs it as one `/batches` job and records the batch as submitted. `records` are the page as its job
 * read it; without them (the job was lost after claiming) the page is read again by its ids. A twin that sent the
 * same page records nothing (Mailchimp got the same upserts twice: harmless).
 */
export async function sendClaimedPage(ctx: CommerceContext, batch: ClaimedBatch, records: unknown[] | null = null) {
  const { commerce } = ctx
  // Every store is flagged is_syncing before any of the run's batches reaches Mailchimp.
  for (const store of storeTargets(commerce.getOptions())) await ensureStoreSyncing(inStore(ctx, store))
  const plan = await planClaimedPage(ctx, batch.kind as BackfillKind, batch.object_ids, records, batch.page === 0)
  const sent = plan.operations.length ? await ctx.client.batches.create(plan.operations) : null
  const recorded = await commerce.submitClaimed(batch.id, {
    batch: sent ? { mailchimp_batch_id: sent.id, object_ids: plan.objectIds, operations: plan.objectIds.length, skipped: plan.skipped } : undefined,
    skipped: plan.skipped,
    members: plan.members?.emails.length
      ? {
          run_id: batch.run_id,
          page: batch.page,
          object_ids: plan.members.emails,
          operations: plan.members.emails.length,
          succeeded: plan.members.subscribed,
          errored: plan.members.errored,
          skipped: 0,
        }
      : undefined,
  })
  if (!recorded) return { batch: null, operations: 0, recorded: false }
  return { batch: sent?.id ?? null, operations: plan.operations.length, recorded: true }
}

/**
 * commerce.backfill.send: sends a page claimed by a job that was lost before sending it (the poller queues it for a
 * claimed batch nobody touched for a while; Postgres holds the claim, Redis may have lost the job).
 */
export async function backfillSend({ run_id, batch_id }: JobPayload<"commerce.backfill.send">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { commerce } = ctx
  const [run] = await commerce.listBackfillRuns({ id: run_id }, { take: 1 })
  if (!run || run.status !== "running") return { skipped: "run not running" }
  const [batch] = await commerce.listBackfillBatches({ id: batch_id, run_id, status: "claimed" }, { take: 1 })
  if (!batch) return { skipped: "page sent already" }
  return { page: batch.page, kind: batch.kind, ...(await sendClaimedPage(ctx, batch)) }
}
