import { applyWebhookEvent } from "./apply-event"
import { aboutErasedAddress, erasedAddressesOf } from "./erased-addresses"
import type { ProcessorContext } from "../context"
import type { JobPayload } from "../../../modules/mailchimp/queue-runtime/jobs"
import type { ClaimedWebhookEvent } from "../../../types/mailchimp-module"
import { applyWindowEnd } from "../../../modules/mailchimp/webhooks/apply-window"

// A page: bounded so that a lease (and a worker killed mid-page) covers little. The lease outlasts a page by far.
const PAGE_SIZE = 200
const LEASE_SECONDS = 60
// Members applied side by side within a page; one member's events always one after the other.
const MEMBERS_AT_ONCE = 4
// An event that throws this many times is marked failed (shown with its reason), and its member's later events go on.
const MAX_ATTEMPTS = 5
const IDLE_POLL_MS = 200
// While deliveries keep arriving (the newest stored under QUIET_SECONDS ago) the apply holds back and leaves the
// CPU and the database to the ingest, which must answer each delivery within Mailchimp's 10 s; but never once the
// oldest unclaimed event has waited MAX_HOLD_SECONDS: the other half of the 30 s bound is left to catch up.
const QUIET_SECONDS = 0.3
const MAX_HOLD_SECONDS = 15

// How long one answer to "hold?" serves every apply job of this process (one job per window: a burst has many).
const HOLD_SHARED_MS = 100

type Tally = { pages: number; applied: number; ignored: number; failed: number }

// Per service (one per app), so that two apps in one process never share an answer.
const lastHolds = new WeakMap<object, { at: number; ms: Promise<number> }>()

/**
 * During a burst a job is queued every second and each waits, asking every 200 ms whether to hold on: the jobs of
 * one process share one answer a while, so the database is asked about five times a second, not five times per job.
 */
function holdMs(ctx: ProcessorContext): Promise<number> {
  const now = Date.now()
  const last = lastHolds.get(ctx.service)
  if (last && now - last.at <= HOLD_SHARED_MS) return last.ms
  const asked = { at: now, ms: ctx.service.webhookApplyHoldMs({ quietSeconds: QUIET_SECONDS, maxHoldSeconds: MAX_HOLD_SECONDS }) }
  // A failed question is not shared past the callers already waiting on it.
  asked.ms.catch(() => lastHolds.get(ctx.service) === asked && lastHolds.delete(ctx.service))
  lastHolds.set(ctx.service, asked)
  return asked.ms
}

/**
 * Applies the stored deliveries: claims a page (leased, whole members only, arrival order), applies each member's
 * events in order and settles each event right after its effect, then the next page; stops once nothing is left
 * to claim and its window is over (see webhooks/apply-window.ts). A worker killed mid-page leaves its events
 * "received" under a lease that lapses: they are claimed again, in order, by the next job or the reconciler's.
 */
export async function applyPendingWebhookEvents({ window }: JobPayload<"webhook.apply.pending">, ctx: ProcessorContext) {
  const until = applyWindowEnd(window)
  const tally: Tally = { pages: 0, applied: 0, ignored: 0, failed: 0 }
  for (;;) {
    const hold = await holdMs(ctx)
    if (hold > 0) {
      await new Promise((r) => setTimeout(r, Math.min(hold, IDLE_POLL_MS)))
      continue
    }
    const page = await ctx.service.claimWebhookEvents({ limit: PAGE_SIZE, leaseSeconds: LEASE_SECONDS })
    if (page.length) {
      tally.pages++
      await applyPage(page, ctx, tally)
      continue
    }
    const left = until - Date.now()
    if (left <= 0) break
    await new Promise((r) => setTimeout(r, Math.min(left, IDLE_POLL_MS)))
  }
  return tally
}

async function applyPage(events: ClaimedWebhookEvent[], ctx: ProcessorContext, tally: Tally) {
  const erased = await erasedAddressesOf(events, ctx)
  const stopped = new Set<string>()
  const slots = slotsOf(MEMBERS_AT_ONCE)

  const one = async (event: ClaimedWebhookEvent) => {
    const key = memberKey(event)
    // An earlier event of this member threw: the later ones wait (still leased) so the order holds.
    if (stopped.has(key)) return
    try {
      if (aboutErasedAddress(event, erased)) {
        await ctx.service.emptyWebhookEvent(event.id)
        tally.ignored++
        return
      }
      const { settled, ...result } = await applyWebhookEvent(event, ctx)
      if (!settled) await ctx.service.settleWebhookEvent({ id: event.id, ...result })
      tally[result.status]++
    } catch (e) {
      stopped.add(key)
      tally.failed++
      // The error's kind and code only: a driver's message may quote a statement with the member's address.
      const { name, code } = (e ?? {}) as { name?: string; code?: string }
      const reason = `apply failed (attempt ${event.apply_attempts + 1}): ${[name ?? "Error", code].filter(Boolean).join(" ")}`
      ctx.logger.warn(`medusa-mailchimp: webhook event ${event.id} ${reason}`)
      await ctx.service.failWebhookEvent({ id: event.id, reason, maxAttempts: MAX_ATTEMPTS }).catch(() => undefined)
    }
  }

  let chains = new Map<string, Promise<void>>()
  for (const event of events) {
    if (event.type === "upemail") {
      // Touches two addresses: applied alone, after everything before it.
      await Promise.all(chains.values())
      chains = new Map()
      await one(event)
      continue
    }
    const key = memberKey(event)
    chains.set(key, (chains.get(key) ?? Promise.resolve()).then(() => slots(() => one(event))))
  }
  await Promise.all(chains.values())
}

// The same key as the claim's (sql/webhook-ingest.ts): the address, or the type for events without one.
const memberKey = (event: ClaimedWebhookEvent) => event.email ?? event.type

function slotsOf(size: number) {
  let free = size
  const queue: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (free > 0) free--
    else await new Promise<void>((resolve) => queue.push(resolve))
    try {
      return await task()
    } finally {
      const next = queue.shift()
      if (next) next()
      else free++
    }
  }
}
