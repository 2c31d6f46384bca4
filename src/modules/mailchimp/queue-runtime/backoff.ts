/**
 * Exponential backoff with jitter: base * 2^(attempt-1), capped, then a random share of
 * 50–100 % of it so that many workers retrying together spread out. A Retry-After from
 * Mailchimp is a floor.
 */
export function backoffDelay(attemptsMade: number, baseMs: number, maxMs: number, retryAfterMs?: number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1))
  const jittered = Math.round(exp / 2 + Math.random() * (exp / 2))
  return Math.max(jittered, retryAfterMs ?? 0)
}
