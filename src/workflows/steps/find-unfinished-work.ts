import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type MailchimpModuleService from "../../modules/mailchimp/service"
import { unfinishedCommerceJobs } from "../commerce/unfinished-commerce-work"
import type { EnqueueJobsInput } from "./enqueue-jobs"

export type FindUnfinishedWorkInput = { olderThanSeconds: number; limit: number }

/**
 * Work Postgres says is not done a while after its last change: consents not yet in Mailchimp,
 * webhook deliveries not yet applied, erasures not yet confirmed, customer changes not yet
 * synced, e-commerce writes and backfills not finished. Their job was lost with Redis, or never queued.
 */
export const findUnfinishedWorkStep = createStep(
  "find-unfinished-mailchimp-work",
  async ({ olderThanSeconds, limit }: FindUnfinishedWorkInput, { container }) => {
    const service: MailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
    const before = new Date(Date.now() - olderThanSeconds * 1000)
    const page = { select: ["id"], take: limit, order: { created_at: "ASC" as const } }
    const consents = await service.listConsents(
      { sync_status: "pending", updated_at: { $lte: before } },
      { ...page, select: ["id", "action"] }
    )
    const events = await service.listWebhookEvents({ status: "received", updated_at: { $lte: before } }, page)
    const erasures = await service.listErasures({ status: "pending", updated_at: { $lte: before } }, page)
    const customers = await service.customersWithUnsyncedChanges(before, limit)
    const jobs: EnqueueJobsInput = [
      ...consents.map((c) =>
        c.action === "opt_out"
          ? { name: "consent.unsubscribe" as const, payload: { consent_id: c.id } }
          : { name: "consent.sync" as const, payload: { consent_id: c.id } }
      ),
      ...erasures.map((e) => ({ name: "member.erase" as const, payload: { erasure_id: e.id } })),
      ...customers.map((id) => ({ name: "customer.sync" as const, payload: { customer_id: id } })),
      ...events.map((e) => ({ name: "webhook.apply" as const, payload: { event_id: e.id } })),
      ...(await unfinishedCommerceJobs(container, before, limit)),
    ]
    return new StepResponse(jobs)
  }
)
