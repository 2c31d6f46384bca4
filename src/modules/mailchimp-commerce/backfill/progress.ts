import type { BackfillKindProgress, BackfillProgress } from "../../../types/http"

// The report's figures are sent as they are (GET /admin/mailchimp/backfill).
export type KindProgress = BackfillKindProgress
export type { BackfillProgress }

/**
 * Overall figures: done counts objects Mailchimp accepted, failed those it refused for good
 * (retries exhausted), rate is done per second since the run started, and time left assumes
 * that rate holds for what remains.
 */
export function summarizeProgress(kinds: KindProgress[], startedAt: Date, finishedAt: Date | null, now = new Date()): BackfillProgress {
  const sum = (f: (k: KindProgress) => number) => kinds.reduce((n, k) => n + f(k), 0)
  const done = sum((k) => k.done)
  const failed = sum((k) => k.failed)
  const skipped = sum((k) => k.skipped)
  const total = sum((k) => k.total)
  const elapsed = Math.max(0.001, ((finishedAt ?? now).getTime() - startedAt.getTime()) / 1000)
  const rate = done / elapsed
  const remaining = Math.max(0, total - done - failed - skipped)
  return {
    done,
    failed,
    skipped,
    total,
    percent: total ? Math.min(100, Math.round(((done + failed + skipped) / total) * 1000) / 10) : 100,
    rate_per_second: Math.round(rate * 10) / 10,
    seconds_left: finishedAt ? 0 : remaining === 0 ? 0 : rate > 0 ? Math.round(remaining / rate) : null,
    elapsed_seconds: Math.round(elapsed),
  }
}
