import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { retryFailedMailchimpJobWorkflow } from "../../../../../../../workflows/retry-failed-job"
import type { AdminMailchimpJobActionResponse } from "../../../../../../../types/http"

/** Runs a failed job again from its first attempt. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpJobActionResponse>) {
  const { result } = await retryFailedMailchimpJobWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ job: { id: result.job.id, name: result.job.name, retried: true, row_reopened: result.reopened } })
}
