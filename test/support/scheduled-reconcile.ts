import { RECONCILE_JOB_NAME } from "../../src/modules/mailchimp/scheduled-jobs"
import type MailchimpModuleService from "../../src/modules/mailchimp/service"
import type { ReconcileReport } from "../../src/workflows/reconcile-report"

/** The scheduled reconciler's last recorded run (one row, updated by each run). */
export const lastReconcileRun = async (service: MailchimpModuleService) =>
  (await service.listJobRuns({ name: RECONCILE_JOB_NAME }, { take: 1 }))[0]

/**
 * The test app runs its own reconciler at the start of every minute (the scheduled job), on the same rows and cursors:
 * its run would queue a test's rows, or move a cursor the test is walking. A test that counts what its own runs find
 * starts just after one of those runs (recorded, or none came within seconds) and needs well under a minute.
 */
export async function betweenScheduledRuns(service: MailchimpModuleService, needMs = 30_000): Promise<void> {
  const into = Date.now() % 60_000
  if (into >= 5_000 && into <= 60_000 - needMs) return
  const minute = Date.now() - into + (into < 5_000 ? 0 : 60_000)
  await new Promise((r) => setTimeout(r, Math.max(0, minute + 2_000 - Date.now())))
  for (const until = minute + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const run = await lastReconcileRun(service)
    if (run && new Date(run.started_at).getTime() >= minute && run.finished_at) break
  }
}

/** Per job kind and in total: found = queued + already queued + unavailable + skipped, skips counted by reason. */
export function expectReportAddsUp(report: ReconcileReport): void {
  for (const kind of Object.values(report.kinds)) {
    expect(kind.queued + kind.already_queued + kind.unavailable + kind.skipped).toBe(kind.found)
    expect(Object.values(kind.skipped_reasons).reduce((a, b) => a + b, 0)).toBe(kind.skipped)
  }
  const found = Object.values(report.found).reduce((a, b) => a + b, 0)
  expect(report.queued + report.already_queued + report.unavailable + report.skipped).toBe(found)
}
