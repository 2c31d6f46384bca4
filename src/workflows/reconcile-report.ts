import type { FoundWorkOutcome } from "./steps/enqueue-found-work"

/**
 * What became of the rows of one job kind the reconciler found unfinished; `skipped_reasons` counts the skipped ones
 * by reason.
 */
export type ReconcileKindReport = {
  found: number
  queued: number
  already_queued: number
  unavailable: number
  skipped: number
  skipped_reasons: Record<string, number>
}

/**
 * The reconciler's report, as the sync screen shows it. Every row found gives one job and every job one outcome, so
 * per kind: found = queued + already_queued (its job still waits, is delayed for a retry or runs) + unavailable
 * (Redis did not answer: the row stays pending for the next run) + skipped (the queue refused the job, for the
 * reason given: the row stays pending, found again on the next lap). `found`, `queued`, `already_queued`,
 * `unavailable` and `skipped` are the totals; `kinds` the same per job kind.
 */
export type ReconcileReport = {
  found: Record<string, number>
  queued: number
  already_queued: number
  unavailable: number
  skipped: number
  kinds: Record<string, ReconcileKindReport>
}

const FIELD = { queued: "queued", "already-queued": "already_queued", unavailable: "unavailable" } as const

export function reconcileReport(jobs: { name: string }[], outcomes: FoundWorkOutcome[]): ReconcileReport {
  if (jobs.length !== outcomes.length) {
    throw new Error(`the reconciler found ${jobs.length} rows but has ${outcomes.length} enqueue outcomes`)
  }
  const report: ReconcileReport = { found: {}, queued: 0, already_queued: 0, unavailable: 0, skipped: 0, kinds: {} }
  jobs.forEach((job, i) => {
    const kind = (report.kinds[job.name] ??= { found: 0, queued: 0, already_queued: 0, unavailable: 0, skipped: 0, skipped_reasons: {} })
    const outcome = outcomes[i]
    const field = typeof outcome === "string" ? FIELD[outcome] : "skipped"
    if (typeof outcome !== "string") kind.skipped_reasons[outcome.skipped] = (kind.skipped_reasons[outcome.skipped] ?? 0) + 1
    kind.found++
    kind[field]++
    report.found[job.name] = kind.found
    report[field]++
  })
  return report
}
