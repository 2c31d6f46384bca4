/**
 * Stored deliveries are applied by "webhook.apply.pending" jobs, one per window of time: every group stored in a
 * window asks for that window's job, and the queue keeps one job per id, so a burst enqueues one job a second, not
 * one per delivery. A job does not finish before its window is over (and a margin for clocks): a delivery whose
 * request found the job already running is still claimed by it.
 */
export const APPLY_WINDOW_MS = 1_000
export const APPLY_WINDOW_MARGIN_MS = 1_000

export function applyWindowOf(at: number = Date.now()): number {
  return Math.floor(at / APPLY_WINDOW_MS)
}

/** When the job of that window may stop looking for more events. */
export function applyWindowEnd(window: number): number {
  return (window + 1) * APPLY_WINDOW_MS + APPLY_WINDOW_MARGIN_MS
}
