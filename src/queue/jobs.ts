import { createHash } from "node:crypto"
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
    payload: z.object({}),
    id: () => "commerce.store.connect",
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
  "commerce.merge.sync": {
    payload: z.object({ email: z.string().min(3), rev: z.number().int().optional() }),
    id: (p: { email: string; rev?: number }) => `commerce.merge-${emailKey(p.email)}${p.rev ? `-r${p.rev}` : ""}`,
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
      request_id: z.string().min(1),
      test_emails: z.array(z.string()).optional(),
      send_type: z.enum(["html", "plaintext"]).optional(),
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
    payload: z.object({ email: z.string().min(3) }),
    id: (p: { email: string }) => `segments.email.refresh-${emailKey(p.email)}`,
  },
  "segments.delete": {
    payload: z.object({ segment_id: z.string().min(1) }),
    id: (p: { segment_id: string }) => `segments.delete-${p.segment_id}`,
  },
} as const

// Job ids may not hold ":" (BullMQ) and should not carry an address: the md5 Mailchimp uses.
function emailKey(email: string): string {
  return createHash("md5").update(email.trim().toLowerCase()).digest("hex")
}

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
