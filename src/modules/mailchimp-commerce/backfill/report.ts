import type { IMailchimpCommerceService } from "../../../types/mailchimp-commerce-module"
import type { BackfillKind } from "../service"
import { KindProgress, summarizeProgress } from "./progress"
import { promoSyncCounts } from "../promotions/counts"

const OBJECT_TYPE: Record<BackfillKind, string> = {
  products: "product",
  customers: "customer",
  orders: "order",
  merge_fields: "merge",
}

/** A run as the admin sees it: per kind and overall progress, the failures with Mailchimp's words, the count check. */
export async function backfillReport(commerce: IMailchimpCommerceService, runId?: string) {
  const [run] = await commerce.listBackfillRuns(runId ? { id: runId } : {}, { take: 1, order: { created_at: "DESC" } })
  if (!run) return null
  const tasks = await commerce.listBackfillTasks({ run_id: run.id })
  const batches = await commerce.batchProgress(run.id)
  const kinds: KindProgress[] = tasks
    .sort((a, b) => Object.keys(OBJECT_TYPE).indexOf(a.kind) - Object.keys(OBJECT_TYPE).indexOf(b.kind))
    .map((t) => {
      const b = batches.find((x) => x.kind === t.kind)
      return {
        kind: t.kind,
        status: t.status,
        total: t.total,
        sent: b?.sent ?? 0,
        done: b?.succeeded ?? 0,
        failed: (b?.errored ?? 0) - (b?.retried ?? 0),
        skipped: b?.skipped ?? 0,
        retrying: b?.retried ?? 0,
        open_batches: b?.open_batches ?? 0,
      }
    })
  const members = batches.find((b) => b.kind === "members")
  const failures = await commerce.listCommerceSyncs(
    { backfill_run_id: run.id, status: "failed" },
    { take: 50, select: ["object_type", "object_id", "error", "attempts", "updated_at"], order: { updated_at: "DESC" } }
  )
  return {
    id: run.id,
    status: run.status,
    objects: run.objects,
    since: run.since,
    started_at: run.started_at,
    finished_at: run.finished_at,
    progress: summarizeProgress(kinds, new Date(run.started_at), run.finished_at ? new Date(run.finished_at) : null),
    kinds,
    members: members
      ? { consented: members.sent, subscribed: members.succeeded, refused: members.errored }
      : { consented: 0, subscribed: 0, refused: 0 },
    failures: failures.map((f) => ({ object_type: f.object_type, object_id: f.object_id, error: f.error, attempts: f.attempts })),
    // Promotions go through the live path, not batches: their sync rows say how far they are.
    promotions: await promoSyncCounts(commerce),
    count_check: run.count_check,
  }
}

export { OBJECT_TYPE as BACKFILL_OBJECT_TYPE }
