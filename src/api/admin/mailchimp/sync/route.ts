import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../../../types/mailchimp-commerce-module"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import { RECONCILE_JOB_NAME } from "../../../../modules/mailchimp/scheduled-jobs"
import type { AdminGetMailchimpSyncType } from "./validators"
import type { AdminMailchimpSyncResponse } from "../../../../types/http"

async function countOf(list: Promise<[unknown[], number]>): Promise<number> {
  return (await list)[1]
}

/** The queue (from Redis) and the work still to do (from Postgres), for the sync screen. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpSyncResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { failed_limit, failed_offset } = req.validatedQuery as AdminGetMailchimpSyncType
  const queue = service.getQueue()
  const one = { take: 1, select: ["id"] }
  const commerce: IMailchimpCommerceService = req.scope.resolve(MAILCHIMP_COMMERCE_MODULE)
  const { ecommerce, cartSync } = commerce.getOptions()
  const [figures, failedJobs, lastRun, consentsPending, consentsFailed, eventsWaiting, eventsFailed, carts] = await Promise.all([
    queue.figures().then(
      (f) => ({ ...f, available: true, error: null as string | null }),
      (e) => ({ waiting: null, active: null, delayed: null, failed: null, completed: null, available: false, error: (e as Error).message })
    ),
    queue.failedJobs(failed_offset, failed_limit).catch(() => []),
    service.listJobRuns({ name: RECONCILE_JOB_NAME }, { take: 1 }).then(([run]) => run ?? null),
    countOf(service.listAndCountConsents({ sync_status: "pending" }, one)),
    countOf(service.listAndCountConsents({ sync_status: "failed" }, one)),
    countOf(service.listAndCountWebhookEvents({ status: "received" }, one)),
    countOf(service.listAndCountWebhookEvents({ status: "failed" }, one)),
    commerce.cartFigures(),
  ])
  res.json({
    sync: {
      queue: figures,
      failed_jobs: failedJobs,
      failed_offset,
      failed_limit,
      reconciler: {
        schedule: "every minute",
        after_seconds: service.getOptions().reconcileAfterSeconds,
        last_run: lastRun,
      },
      consents: { pending: consentsPending, failed: consentsFailed },
      webhook_events: { waiting: eventsWaiting, failed: eventsFailed },
      carts: { enabled: ecommerce && cartSync, ...carts },
    },
  })
}
