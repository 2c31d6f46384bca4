import type { MedusaContainer } from "@medusajs/framework/types"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import { RECONCILE_JOB_NAME } from "../modules/mailchimp/scheduled-jobs"
import type { IMailchimpModuleService } from "../types/mailchimp-module"
import { reconcileWorkflow } from "../workflows/reconcile"
import { reconcileReport } from "../workflows/reconcile-report"

export default async function reconcileJob(container: MedusaContainer) {
  const service: IMailchimpModuleService = container.resolve(MAILCHIMP_MODULE)
  const started_at = new Date()
  const record = (run: { outcome: "ok" | "failed"; result?: Record<string, unknown>; error?: string }) =>
    service
      .recordJobRun({ name: RECONCILE_JOB_NAME, started_at, finished_at: new Date(), ...run })
      .catch((e) => service.getLogger().warn(`medusa-mailchimp: could not record the reconciler's run: ${e.message}`))
  try {
    const { result } = await reconcileWorkflow(container).run({
      // Pending e-commerce writes go 10,000 a minute (a page after the cursor): about what one worker's 10 Mailchimp
      // connections drain at 50 ms a call, so a million lost with Redis are all queued again in under two hours.
      input: { olderThanSeconds: service.getOptions().reconcileAfterSeconds, limit: 1_000, syncLimit: 10_000 },
    })
    await record({ outcome: "ok", result: reconcileReport(result.jobs, result.queued) })
  } catch (e) {
    await record({ outcome: "failed", error: (e as Error).message })
    throw e
  }
}

export const config = {
  name: RECONCILE_JOB_NAME,
  schedule: "* * * * *",
}
