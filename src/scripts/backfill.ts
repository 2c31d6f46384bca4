import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_MODULE } from "../modules/mailchimp"
import type { IMailchimpModuleService } from "../types/mailchimp-module"
import { MAILCHIMP_COMMERCE_MODULE } from "../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../types/mailchimp-commerce-module"
import type { BackfillKind } from "../types/mailchimp-commerce-module"
import { backfillReport } from "../modules/mailchimp-commerce/backfill/report"
import { BACKFILL_KINDS } from "../workflows/steps/create-backfill-run"
import { startBackfillWorkflow } from "../workflows/commerce/start-backfill"
import { jobHandlersFor } from "../queue/job-handlers"

/**
 * Starts a backfill, or resumes the one that is running, from the command line:
 *
 *   npx medusa exec ./node_modules/medusa-mailchimp/.medusa/server/src/scripts/backfill.js \
 *     [objects=customers,products,orders,merge_fields] [since=2024-01-01] [worker=true] [wait=false]
 *
 * The store's worker runs the jobs; `worker=true` runs a worker in this process as well (for a
 * store that is not running). It prints the progress until the run ends, unless `wait=false`.
 */
export default async function backfill({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const opts = parseArgs(args ?? [])
  const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const core = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE)
  const { result } = await startBackfillWorkflow(container).run({
    input: { objects: opts.objects, since: opts.since, resume: true },
  })
  const runId = result.run.run_id
  logger.info(`medusa-mailchimp: backfill ${runId} ${result.run.created ? "started" : "resumed"} (${result.run.tasks.map((t) => t.kind).join(", ")})`)
  if (opts.worker) {
    core.registerJobHandlers(jobHandlersFor(core))
    await core.getQueue().startWorker()
  }
  if (!opts.wait) return
  for (;;) {
    const report = await backfillReport(commerce, runId)
    if (!report) break
    const p = report.progress
    const left = p.seconds_left === null ? "?" : `${p.seconds_left}s`
    logger.info(`medusa-mailchimp: ${report.status}: ${p.done}/${p.total} done, ${p.failed} failed, ${p.skipped} skipped, ${p.rate_per_second}/s, ${left} left`)
    if (report.status !== "running") {
      for (const f of report.failures) logger.warn(`medusa-mailchimp: failed ${f.object_type} ${f.object_id}: ${JSON.stringify(f.error)}`)
      if (report.count_check) logger.info(`medusa-mailchimp: count check: ${(report.count_check as { message?: string }).message}`)
      break
    }
    await new Promise((r) => setTimeout(r, 5_000))
  }
  if (opts.worker) await core.getQueue().close()
}

function parseArgs(args: string[]): { objects?: BackfillKind[]; since?: string; worker: boolean; wait: boolean } {
  const values: Record<string, string> = {}
  for (const arg of args) {
    const [key, ...rest] = arg.replace(/^--/, "").split("=")
    values[key] = rest.join("=") || "true"
  }
  const objects = values.objects?.split(",").map((o) => o.trim()).filter(Boolean) as BackfillKind[] | undefined
  const unknown = (objects ?? []).filter((o) => !BACKFILL_KINDS.includes(o))
  if (unknown.length) throw new Error(`Unknown objects: ${unknown.join(", ")} (known: ${BACKFILL_KINDS.join(", ")})`)
  if (values.since && Number.isNaN(Date.parse(values.since))) throw new Error(`since=${values.since} is not a date`)
  return { objects, since: values.since, worker: values.worker === "true", wait: values.wait !== "false" }
}
