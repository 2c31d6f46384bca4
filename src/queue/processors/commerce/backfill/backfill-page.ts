import type { JobPayload } from "../../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../../context"
import { storeTargets } from "../../../../modules/mailchimp-commerce/channels"
import { commerceContext, inStore } from "../context"
import { ensureStoreSyncing } from "../ensure-store"
import { blockedBy } from "./dependencies"
import { planPage } from "./plan"

/**
 * commerce.backfill.page: reads the next page of one kind after its cursor, sends it as one
 * `/batches` job, then records the accepted batch and moves the cursor in one transaction. A twin
 * run of the same page finds the cursor moved and records nothing (Mailchimp got the same
 * upserts twice: harmless). When too many batches wait at Mailchimp it stops; the poller starts
 * it again as batches finish.
 */
export async function backfillPage({ run_id, kind, page }: JobPayload<"commerce.backfill.page">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { commerce } = ctx
  const options = commerce.getOptions()
  const [run] = await commerce.listBackfillRuns({ id: run_id }, { take: 1 })
  if (!run || run.status !== "running") return { skipped: "run not running" }
  const tasks = await commerce.listBackfillTasks({ run_id })
  const task = tasks.find((t) => t.kind === kind)
  if (!task || task.page !== page || task.status === "sent" || task.status === "finished") {
    return { skipped: "page done already" }
  }
  const blocker = blockedBy(kind, tasks)
  if (blocker) return { waiting: `for ${blocker}` }
  const open = await commerce.listBackfillBatches({ run_id, status: "submitted" }, { select: ["id"] })
  if (open.length >= options.backfillMaxPendingBatches) return { waiting: "for Mailchimp to finish batches" }

  // Every store is flagged is_syncing before any of the run's batches reaches Mailchimp.
  for (const store of storeTargets(options)) await ensureStoreSyncing(inStore(ctx, store))
  const plan = await planPage(ctx, kind, task.cursor ?? null, run.since ? new Date(run.since) : null, options.backfillBatchSize)
  const last = plan.read < options.backfillBatchSize
  const batch = plan.operations.length ? await ctx.client.batches.create(plan.operations) : null
  const accepted = await commerce.acceptPage({
    task_id: task.id,
    page,
    cursor: plan.cursor,
    last,
    batch: batch
      ? { run_id, kind, mailchimp_batch_id: batch.id, object_ids: plan.objectIds, operations: plan.objectIds.length, skipped: plan.skipped }
      : undefined,
    members: plan.members?.emails.length
      ? {
          run_id,
          object_ids: plan.members.emails,
          operations: plan.members.emails.length,
          succeeded: plan.members.subscribed,
          errored: plan.members.errored,
          skipped: 0,
        }
      : undefined,
    skipped: batch ? undefined : { run_id, kind, count: plan.skipped },
  })
  if (!accepted.accepted) return { skipped: "a twin job recorded this page" }
  if (!last) await base.service.getQueue().enqueue("commerce.backfill.page", { run_id, kind, page: page + 1 })
  return { page, objects: plan.objectIds.length, operations: plan.operations.length, batch: batch?.id ?? null, last }
}
