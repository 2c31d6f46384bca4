import { z } from "zod"

/**
 * Every kind of work the queue carries: the payload it needs (ids, never data) and the stable
 * id that makes enqueuing the same work twice yield one job.
 */
const jobs = {
  "consent.sync": {
    payload: z.object({ consent_id: z.string().min(1) }),
    id: (p: { consent_id: string }) => `consent.sync-${p.consent_id}`,
  },
  "webhook.apply": {
    payload: z.object({ event_id: z.string().min(1) }),
    id: (p: { event_id: string }) => `webhook.apply-${p.event_id}`,
  },
  // Applies the stored deliveries in pages, in arrival order per member; one job per window of time, so a burst
  // of deliveries enqueues a few jobs (webhooks/apply-window.ts). Carries no event id, only the window.
  "webhook.apply.pending": {
    payload: z.object({ window: z.number().int().min(0) }),
    id: (p: { window: number }) => `webhook.apply.pending-${p.window}`,
  },
  "webhook.register": {
    payload: z.object({ requested_at: z.string() }),
    id: () => "webhook.register",
  },
  // An opt-out consent: the same processor as consent.sync, ahead of everything else.
  "consent.unsubscribe": {
    payload: z.object({ consent_id: z.string().min(1) }),
    id: (p: { consent_id: string }) => `consent.unsubscribe-${p.consent_id}`,
  },
  "member.erase": {
    payload: z.object({ erasure_id: z.string().min(1) }),
    id: (p: { erasure_id: string }) => `member.erase-${p.erasure_id}`,
  },
  "customer.sync": {
    payload: z.object({ customer_id: z.string().min(1) }),
    id: (p: { customer_id: string }) => `customer.sync-${p.customer_id}`,
  },
  "groups.sweep": {
    payload: z.object({}),
    id: () => "groups.sweep",
  },
  // E-commerce and purchase history (module mailchimp-commerce). `rev` names a follow-up queued
  // by a job that saw a newer change arrive while it ran.
  "commerce.store.connect": {
    // One store by its id; none: every store the options name.
    payload: z.object({ store_id: z.string().min(1).optional() }),
    id: (p: { store_id?: string }) => (p.store_id ? `commerce.store.connect-${p.store_id}` : "commerce.store.connect"),
  },
  "commerce.product.sync": {
    payload: z.object({ product_id: z.string().min(1), rev: z.number().int().optional() }),
    id: (p: { product_id: string; rev?: number }) => `commerce.product-${p.product_id}${p.rev ? `-r${p.rev}` : ""}`,
  },
  "commerce.customer.sync": {
    payload: z.object({ customer_id: z.string().min(1), rev: z.number().int().optional() }),
    id: (p: { customer_id: string; rev?: number }) => `commerce.customer-${p.customer_id}${p.rev ? `-r${p.rev}` : ""}`,
  },
  "commerce.order.sync": {
    payload: z.object({ order_id: z.string().min(1), rev: z.number().int().optional() }),
    id: (p: { order_id: string; rev?: number }) => `commerce.order-${p.order_id}${p.rev ? `-r${p.rev}` : ""}`,
  },
  // A cart (docs/carts.md): queued after its coalescing window under this stable id, so that the changes within it
  // become one write; `rev` names a follow-up or the deletion at checkout, which must not wait for the window.
  "commerce.cart.sync": {
    payload: z.object({ cart_id: z.string().min(1), rev: z.number().int().optional() }),
    id: (p: { cart_id: string; rev?: number }) => `commerce.cart-${p.cart_id}${p.rev ? `-r${p.rev}` : ""}`,
  },
  // A promotion's promo rule and promo code (docs/promotions.md).
  "commerce.promo.sync": {
    payload: z.object({ promotion_id: z.string().min(1), rev: z.number().int().optional() }),
    id: (p: { promotion_id: string; rev?: number }) => `commerce.promo-${p.promotion_id}${p.rev ? `-r${p.rev}` : ""}`,
  },
  // A buyer's merge fields, by the subscriber hash of their address (the processor finds the address in
  // Postgres): no address in Redis.
  "commerce.merge.sync": {
    payload: z.object({ email_hash: z.string().regex(/^[0-9a-f]{32}$/), rev: z.number().int().optional() }),
    id: (p: { email_hash: string; rev?: number }) => `commerce.merge-${p.email_hash}${p.rev ? `-r${p.rev}` : ""}`,
  },
  "commerce.merge-fields.ensure": {
    payload: z.object({}),
    id: () => "commerce.merge-fields.ensure",
  },
  "commerce.profiles.rebuild": {
    payload: z.object({ requested_at: z.string() }),
    id: (p: { requested_at: string }) => `commerce.profiles.rebuild-${p.requested_at}`,
  },
  "commerce.backfill.page": {
    payload: z.object({ run_id: z.string().min(1), kind: z.enum(["products", "customers", "orders", "merge_fields"]), page: z.number().int().min(0) }),
    id: (p: { run_id: string; kind: string; page: number }) => `commerce.backfill.page-${p.run_id}-${p.kind}-${p.page}`,
  },
  // One poller per run: waits for its batches, reads their results, ends the run.
  "commerce.backfill.poll": {
    payload: z.object({
      run_id: z.string().min(1),
      token: z.string().min(1),
      round: z.number().int().min(0),
      /** The last round settled batches: this one comes sooner. */
      busy: z.boolean().optional(),
    }),
    id: (p: { run_id: string; token: string; round: number }) => `commerce.backfill.poll-${p.run_id}-${p.token}-${p.round}`,
  },
  // Campaigns (module mailchimp-campaigns): each admin action is one job (its own request_id);
  // a refresh reads the campaign's state, a report pull its figures and activity.
  "campaign.action": {
    payload: z.object({
      campaign_id: z.string().min(1),
      action: z.enum(["save", "test", "schedule", "unschedule", "send", "replicate"]),
      // A test's addresses are not here: the job reads them from its request's row (campaign_test_send).
      request_id: z.string().min(1),
      schedule_time: z.string().optional(),
    }),
    id: (p: { campaign_id: string; action: string; request_id: string }) => `campaign.action-${p.campaign_id}-${p.action}-${p.request_id}`,
  },
  "campaign.refresh": {
    payload: z.object({ campaign_id: z.string().min(1) }),
    id: (p: { campaign_id: string }) => `campaign.refresh-${p.campaign_id}`,
  },
  "campaign.report.pull": {
    payload: z.object({ campaign_id: z.string().min(1) }),
    id: (p: { campaign_id: string }) => `campaign.report.pull-${p.campaign_id}`,
  },
  // Segments (module mailchimp-segments). sync: evaluate in full, then send the difference;
  // push: send the difference only (after one address was re-evaluated); email.refresh:
  // re-evaluate one address in every segment; delete: remove a deleted segment's Mailchimp copy.
  "segments.sync": {
    payload: z.object({ segment_id: z.string().min(1) }),
    id: (p: { segment_id: string }) => `segments.sync-${p.segment_id}`,
  },
  "segments.push": {
    payload: z.object({ segment_id: z.string().min(1) }),
    id: (p: { segment_id: string }) => `segments.push-${p.segment_id}`,
  },
  "segments.email.refresh": {
    payload: z.object({ email_hash: z.string().regex(/^[0-9a-f]{32}$/) }),
    id: (p: { email_hash: string }) => `segments.email.refresh-${p.email_hash}`,
  },
  // A profile webhook changed the member's interests (names): read them by id. One per delivery.
  "member.interests.read": {
    payload: z.object({ audience_id: z.string().min(1), email_hash: z.string().regex(/^[0-9a-f]{32}$/), event_id: z.string().min(1) }),
    id: (p: { event_id: string }) => `member.interests.read-${p.event_id}`,
  },
  "segments.delete": {
    payload: z.object({ segment_id: z.string().min(1) }),
    id: (p: { segment_id: string }) => `segments.delete-${p.segment_id}`,
  },
  // A Customer Journey event (module mailchimp-journeys): the recorded row's id; the row says whether it was sent.
  "journey.event.send": {
    payload: z.object({ journey_event_id: z.string().min(1) }),
    id: (p: { journey_event_id: string }) => `journey.event.send-${p.journey_event_id}`,
  },
  // The connected site's script for the storefront (docs/journey-events.md#site-script): read or made, URL kept.
  "journey.site.connect": {
    payload: z.object({ requested_at: z.string() }),
    id: (p: { requested_at: string }) => `journey.site.connect-${p.requested_at}`,
  },
} as const


/**
 * Lower runs first. BullMQ runs jobs without a priority before every prioritized one, so every
 * job gets one: what a customer asked to stop overtakes everything queued before it.
 */
export const DEFAULT_JOB_PRIORITY = 10
const PRIORITY: Partial<Record<keyof typeof jobs, number>> = {
  "consent.unsubscribe": 1,
  "member.erase": 2,
  // A backfill yields to live work: an order placed during a 100k-order backfill is not held up.
  "commerce.backfill.page": 20,
  "commerce.backfill.poll": 20,
  "commerce.profiles.rebuild": 20,
  "campaign.report.pull": 20,
}
// Jobs that wait a moment under their stable id, so that a burst of changes becomes one run.
const COALESCED: ReadonlySet<keyof typeof jobs> = new Set(["customer.sync", "groups.sweep"] as const)

export function jobOptionsFor(name: keyof typeof jobs, coalesceMs: number): { priority: number; delay?: number } {
  const priority = PRIORITY[name] ?? DEFAULT_JOB_PRIORITY
  return COALESCED.has(name) && coalesceMs > 0 ? { priority, delay: coalesceMs } : { priority }
}

export type JobName = keyof typeof jobs
export type JobPayload<N extends JobName> = z.infer<(typeof jobs)[N]["payload"]>

export function isJobName(name: string): name is JobName {
  return name in jobs
}

export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return jobs[name].payload.parse(data) as JobPayload<N>
}

export function jobIdFor<N extends JobName>(name: N, payload: JobPayload<N>): string {
  return (jobs[name].id as (p: JobPayload<N>) => string)(payload)
}
