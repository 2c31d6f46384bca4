import type { JobPayload } from "../../../../modules/mailchimp/queue-runtime/jobs"
import type { ProcessorContext } from "../../context"
import { commerceContext } from "../context"
import { blockedBy } from "./dependencies"
import { readNextPage } from "./plan"
import { sendClaimedPage } from "./send-page"

/**
 * commerce.backfill.page: claims the next page of one kind after its cursor (moves the cursor past
 * it and records it as a `claimed` batch, in one transaction), queues the next page's job at once,
 * and only then plans and sends its own page (send-page.ts). So the next page is read while this
 * one is built and uploaded: the kind's pages are in flight together, up to the run's limit of
 * open batches. A twin run of the same page finds the cursor moved and claims nothing. When too
 * many batches are claimed or wait at Mailchimp it stops; the poller starts it again as batches
 * finish, and sends the pages of jobs lost after their claim.
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
  const [, open] = await commerce.listAndCountBackfillBatches({ run_id, status: ["claimed", "submitted"] }, { take: 1, select: ["id"] })
  if (open >= options.backfillMaxPendingBatches) return { waiting: "for Mailchimp to finish batches" }

  const read = await readNextPage(ctx, kind, task.cursor ?? null, run.since ? new Date(run.since) : null, options.backfillBatchSize)
  const last = read.ids.length < options.backfillBatchSize
  const claim = await commerce.claimPage({ run_id, task_id: task.id, kind, page, cursor: read.ids.at(-1) ?? task.cursor ?? null, last, object_ids: read.ids })
  if (!claim.claimed) return { skipped: "a twin job claimed this page" }
  if (!last) await base.service.getQueue().enqueue("commerce.backfill.page", { run_id, kind, page: page + 1 })
  if (!claim.batch_id) return { page, objects: 0, last }
  const sent = await sendClaimedPage(ctx, { id: claim.batch_id, run_id, kind, page, object_ids: read.ids }, read.records)
  return { page, objects: read.ids.length, ...sent, last }
}
