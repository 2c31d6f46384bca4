import { storeTargets } from "../../../../modules/mailchimp-commerce/channels"
import { setTimeout as sleep } from "node:timers/promises"
import type { BackfillKind } from "../../../../types/mailchimp-commerce-module"
import { readStoreFacts } from "../../../../modules/mailchimp-commerce/store-data"
import { describeError } from "../../describe-error"
import type { JobPayload } from "../../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../../context"
import { commerceContext, CommerceContext } from "../context"
import { countCheck } from "./count-check"
import { blockedBy } from "./dependencies"
import { settleFinishedBatch } from "./settle-batch"

/** Between rounds: short while batches keep finishing, longer while Mailchimp is still at them. */
const ROUND_MS = 1_000
const BUSY_ROUND_MS = 200

/**
 * commerce.backfill.poll: one round of looking after a run. It asks Mailchimp about each batch
 * still open and settles the finished ones, finishes the kinds whose pages are all sent and
 * settled, starts the kinds waiting for them and the page jobs waiting for room, and queues the
 * next round; the last round checks the counts and ends the run. A run has one poller chain: the
 * one holding the run's `poller` token (a restart hands out a new token, the old chain stops).
 */
export async function backfillPoll({ run_id, token, round, busy }: JobPayload<"commerce.backfill.poll">, base: ProcessorContext) {
  const ctx = commerceContext(base)
  const { commerce, client } = ctx
  if (round > 0) await sleep(busy ? BUSY_ROUND_MS : ROUND_MS)
  const [run] = await commerce.listBackfillRuns({ id: run_id }, { take: 1 })
  if (!run || run.status !== "running") return { stopped: run?.status ?? "no such run" }
  if (run.poller !== token) return { stopped: "another poller took over" }
  await commerce.touchRun(run_id)

  const open = await commerce.listBackfillBatches({ run_id, status: "submitted" }, { order: { submitted_at: "ASC" } })
  // The open batches are asked about (and the finished ones settled) at once: the client keeps to the connection limit.
  const settled = (
    await Promise.all(
      open.map(async (batch) => {
        if (!batch.mailchimp_batch_id) return null
        try {
          const status = await client.batches.get(batch.mailchimp_batch_id)
          return status.status === "finished" ? await settleFinishedBatch(ctx, batch as never, status) : null
        } catch (e) {
          // One batch that cannot be read now does not hold up the others; the next round tries again.
          base.logger.warn(`medusa-mailchimp: backfill batch ${batch.id}: ${(e as Error).message}`)
          return { batch: batch.id, error: describeError(e) }
        }
      })
    )
  ).filter((s) => s !== null)

  const finished = await finishSettledTasks(ctx, run_id)
  const tasks = await commerce.listBackfillTasks({ run_id })
  if (tasks.every((t) => t.status === "finished") && !(await promotionsUnderWay(ctx))) {
    const check = await countCheck(ctx, tasks.map((t) => t.kind as BackfillKind))
    await commerce.updateBackfillRuns({ id: run_id, status: "completed", finished_at: new Date(), count_check: check })
    // The store's is_syncing is reset by a job of its own, retried with backoff (and re-queued by the reconciler while
    // the store's row is pending): a Mailchimp that refuses it now does not leave automations paused.
    await commerce.requestSync(storeTargets(commerce.getOptions()).map((t) => ({ object_type: "store" as const, object_id: t.storeId })))
    await base.service.getQueue().enqueue("commerce.store.connect", {})
    return { settled, finished, completed: true, count_check: check }
  }
  const queue = base.service.getQueue()
  for (const task of tasks) {
    if ((task.status === "waiting" || task.status === "sending") && !blockedBy(task.kind as BackfillKind, tasks)) {
      await queue.enqueue("commerce.backfill.page", { run_id, kind: task.kind as BackfillKind, page: task.page })
    }
  }
  await queue.enqueue("commerce.backfill.poll", { run_id, token, round: round + 1, busy: settled.length > 0 })
  return { settled, finished }
}

/**
 * The run's promotions go through live jobs (docs/promotions.md): the run ends, and counts, once they are written.
 * A write that has not moved for two minutes (Mailchimp failing, the reconciler's to retry) does not hold it up.
 */
async function promotionsUnderWay(ctx: CommerceContext): Promise<boolean> {
  const since = new Date(Date.now() - 120_000)
  const [, pending] = await ctx.commerce.listAndCountCommerceSyncs(
    { object_type: "promo", status: "pending", updated_at: { $gte: since } },
    { take: 1, select: ["id"] }
  )
  return pending > 0
}

/** Kinds whose pages are all sent and whose batches are all settled end; finished orders refresh every profile. */
async function finishSettledTasks(ctx: CommerceContext, runId: string): Promise<string[]> {
  const { commerce } = ctx
  const finished: string[] = []
  const tasks = await commerce.listBackfillTasks({ run_id: runId, status: "sent" })
  for (const task of tasks) {
    const [, open] = await commerce.listAndCountBackfillBatches({ run_id: runId, kind: task.kind, status: "submitted" }, { take: 1, select: ["id"] })
    if (open > 0) continue
    if (task.kind === "orders") {
      const { currencyCode } = await readStoreFacts(ctx.query)
      await commerce.refreshAllProfilesCounted(currencyCode)
      const [merge] = await commerce.listBackfillTasks({ run_id: runId, kind: "merge_fields" }, { take: 1 })
      if (merge) {
        const [, total] = await commerce.listAndCountPurchaseProfiles({}, { take: 1, select: ["id"] })
        await commerce.updateBackfillTasks({ id: merge.id, total })
      }
    }
    if (await commerce.finishTask(task.id)) finished.push(task.kind)
  }
  return finished
}
