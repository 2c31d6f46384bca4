import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createBackfillRunStep, CreateBackfillRunInput } from "../steps/create-backfill-run"
import { enqueueCommerceJobsStep } from "../steps/enqueue-commerce-jobs"
import { enqueueJobsStep, EnqueueJobsInput } from "../steps/enqueue-jobs"
import { requestAllPromotionsStep } from "../steps/request-all-promotions"
import { requestCommerceSyncStep } from "../steps/request-commerce-sync"
import { NEEDS } from "../../queue/processors/commerce/backfill/dependencies"

/**
 * Starts a backfill (or resumes the running one): the store is marked as syncing, each kind's
 * next page is queued (orders after products, merge fields after orders) and the run's poller starts. A new run
 * also sends every promotion again, through the live path (docs/promotions.md).
 */
export const startBackfillWorkflow = createWorkflow("mailchimp-start-backfill", (input: CreateBackfillRunInput) => {
  const run = createBackfillRunStep(input)
  const jobs = transform({ run }, ({ run }): EnqueueJobsInput => {
    const inRun = new Set(run.tasks.map((t) => t.kind))
    const ready = run.tasks.filter((t) => t.status === "waiting" || t.status === "sending").filter((t) => {
      const need = NEEDS[t.kind]
      return !need || !inRun.has(need) || run.tasks.find((x) => x.kind === need)?.status === "finished"
    })
    return [
      { name: "commerce.store.connect", payload: {} },
      ...ready.map((t) => ({ name: "commerce.backfill.page" as const, payload: { run_id: run.run_id, kind: t.kind, page: t.page } })),
      { name: "commerce.backfill.poll", payload: { run_id: run.run_id, token: run.token, round: 0 } },
    ]
  })
  const queued = enqueueJobsStep(jobs)
  const promotions = requestCommerceSyncStep(requestAllPromotionsStep(run))
  enqueueCommerceJobsStep(transform({ promotions }, ({ promotions }) => promotions.jobs))
  return new WorkflowResponse({ run, queued })
})
