import type { MedusaContainer } from "@medusajs/framework/types"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import { RECONCILE_JOB_NAME } from "../modules/mailchimp/scheduled-jobs"
import type MailchimpModuleService from "../modules/mailchimp/service"
import { reconcileWorkflow } from "../workflows/reconcile"

export default async function reconcileJob(container: MedusaContainer) {
  const service: MailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
  const started_at = new Date()
  const record = (run: { outcome: "ok" | "failed"; result?: Record<string, unknown>; error?: string }) =>
    service
      .recordJobRun({ name: RECONCILE_JOB_NAME, started_at, finished_at: new Date(), ...run })
      .catch((e) => service.getLogger().warn(`medusa-mailchimp: could not record the reconciler's run: ${e.message}`))
  try {
    const { result } = await reconcileWorkflow(container).run({
      input: { olderThanSeconds: service.getOptions().reconcileAfterSeconds, limit: 1_000 },
    })
    await record({ outcome: "ok", result: reconcileSummary(result) })
  } catch (e) {
    await record({ outcome: "failed", error: (e as Error).message })
    throw e
  }
}

/** How many rows of each kind were found unfinished, and how many jobs went to the queue. */
function reconcileSummary(result: { jobs: { name: string }[]; queued: string[] }): Record<string, unknown> {
  const found: Record<string, number> = {}
  for (const job of result.jobs) found[job.name] = (found[job.name] ?? 0) + 1
  const outcomes: Record<string, number> = {}
  for (const outcome of result.queued) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
  return { found, queued: outcomes.queued ?? 0, already_queued: outcomes["already-queued"] ?? 0, unavailable: outcomes.unavailable ?? 0 }
}

export const config = {
  name: RECONCILE_JOB_NAME,
  schedule: "* * * * *",
}
