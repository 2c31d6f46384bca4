/** An erasure as the admin API shows it: the hash, the dates and the outcome; there is nothing else. */
export function erasureView(e: Record<string, any>) {
  return {
    id: e.id,
    audience_id: e.audience_id,
    subscriber_hash: e.subscriber_hash,
    mode: e.mode,
    trigger: e.trigger,
    requested_by: e.requested_by,
    requested_at: e.requested_at,
    status: e.status,
    outcome: e.outcome,
    error: e.error,
    erased_at: e.erased_at,
    history: e.history,
    receipt: e.receipt ?? null,
  }
}
