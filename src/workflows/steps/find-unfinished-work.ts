import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { unfinishedCommerceJobs } from "../commerce/unfinished-commerce-work"
import { unfinishedJourneyJobs } from "../journeys/unfinished-journey-work"
import type { EnqueueJobsInput } from "./enqueue-jobs"
import { applyWindowOf } from "../../modules/mailchimp/webhooks/apply-window"

/**
 * `now` (ISO) is the reconciler's clock: the scheduled job's real time, or a test's. `syncLimit` is the page of
 * pending e-commerce writes a run takes after its cursor (default `limit`).
 */
export type FindUnfinishedWorkInput = { olderThanSeconds: number; limit: number; syncLimit?: number; now?: string }

/**
 * Work Postgres says is not done a while after its last change: consents not yet in Mailchimp,
 * webhook deliveries not yet applied, erasures not yet confirmed, customer changes not yet
 * synced, e-commerce writes and backfills not finished. Their job was lost with Redis, or never queued.
 */
export const findUnfinishedWorkStep = createStep(
  "find-unfinished-mailchimp-work",
  async ({ olderThanSeconds, limit, syncLimit, now: clock }: FindUnfinishedWorkInput, { container }) => {
    const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const now = clock ? new Date(clock) : new Date()
    const before = new Date(now.getTime() - olderThanSeconds * 1000)
    // Each source a page a run, after its own cursor in Postgres: run after run walks on, none left behind the first page.
    const { rows: consents } = await service.unfinishedConsentPage(before, now, limit)
    // Deliveries are applied in batches: one job claims them all, in order, whatever their number.
    const events = await service.countPendingWebhookEvents(before)
    const { rows: erasures } = await service.unfinishedErasurePage(before, limit)
    const customers = await service.customersWithUnsyncedChanges(before, limit)
    const jobs: EnqueueJobsInput = [
      ...consents.map((c) =>
        c.action === "opt_out"
          ? { name: "consent.unsubscribe" as const, payload: { consent_id: c.id } }
          : { name: "consent.sync" as const, payload: { consent_id: c.id } }
      ),
      ...erasures.map((e) => ({ name: "member.erase" as const, payload: { erasure_id: e.id } })),
      ...customers.map((id) => ({ name: "customer.sync" as const, payload: { customer_id: id } })),
      ...(events ? [{ name: "webhook.apply.pending" as const, payload: { window: applyWindowOf() } }] : []),
      ...(await unfinishedCommerceJobs(container, before, limit, syncLimit)),
      ...(await unfinishedJourneyJobs(container, before, limit)),
    ]
    return new StepResponse(jobs)
  }
)
