import type { EnqueueResult } from "../modules/mailchimp/queue-runtime/queue"

/** What became of the rows of one job kind the reconciler found unfinished. */
export type ReconcileKindReport = { found: number; queued: number; already_queued: number; unavailable: number }

/**
 * The reconciler's report, as the sync screen shows it. Every row found gives one job and every job one
 * enqueue outcome, so per kind: found = queued + already_queued (its job still waits, is delayed for a retry or
 * runs) + unavailable (Redis did not answer: the row stays pending for the next run). `found`, `queued`,
 * `already_queued` and `unavailable` are the totals; `kinds` the same per job kind.
 */
export type ReconcileReport = {
  found: Record<string, number>
  queued: number
  already_queued: number
  unavailable: number
  kinds: Record<string, ReconcileKindReport>
}

const FIELD: Record<EnqueueResult, "queued" | "already_queued" | "unavailable"> = {
  queued: "queued",
  "already-queued": "already_queued",
  unavailable: "unavailable",
}

export function reconcileReport(jobs: { name: string }[], outcomes: EnqueueResult[]): ReconcileReport {
  if (jobs.length !== outcomes.length) {
    throw new Error(`the reconciler found ${jobs.length} rows but has ${outcomes.length} enqueue outcomes`)
  }
  const report: ReconcileReport = { found: {}, queued: 0, already_queued: 0, unavailable: 0, kinds: {} }
  jobs.forEach((job, i) => {
    const kind = (report.kinds[job.name] ??= { found: 0, queued: 0, already_queued: 0, unavailable: 0 })
    const field = FIELD[outcomes[i]]
    kind.found++
    kind[field]++
    report.found[job.name] = kind.found
    report[field]++
  })
  return report
}
