import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../../../types/mailchimp-commerce-module"
import { backfillReport } from "../../../../modules/mailchimp-commerce/backfill/report"
import { startBackfillWorkflow } from "../../../../workflows/commerce/start-backfill"
import type { AdminBackfillResponse, AdminStartBackfillResponse, BackfillReport } from "../../../../types/http"
import type { AdminGetBackfillType, AdminStartBackfillType } from "./validators"

/** The report as answered; its count check is a JSON column the backfill's last poll writes in this shape. */
async function reportOf(commerce: IMailchimpCommerceService, runId?: string): Promise<BackfillReport | null> {
  const report = await backfillReport(commerce, runId)
  return report && { ...report, count_check: report.count_check as BackfillReport["count_check"] }
}

/** The latest backfill (or `?id=`): progress (done, failed, total, rate, time left), failures, count check. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminBackfillResponse>) {
  const commerce = req.scope.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const { id } = req.validatedQuery as AdminGetBackfillType
  const report = await reportOf(commerce, id)
  if (!report && id) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No backfill ${id}`)
  res.json({ backfill: report })
}

/** Starts a backfill of customers, products and orders (and merge fields), optionally of what was created since a date. */
export async function POST(req: AuthenticatedMedusaRequest<AdminStartBackfillType>, res: MedusaResponse<AdminStartBackfillResponse>) {
  const commerce = req.scope.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const [running] = await commerce.listBackfillRuns({ status: "running" }, { take: 1, select: ["id"] })
  if (running) {
    res.status(409).json({
      type: "conflict",
      message: `A backfill is running already (${running.id})`,
      backfill: await reportOf(commerce, running.id),
    })
    return
  }
  const { objects, since } = req.validatedBody
  const { result } = await startBackfillWorkflow(req.scope).run({ input: { objects, since: since ?? null } })
  res.status(202).json({ backfill: await reportOf(commerce, result.run.run_id) })
}
