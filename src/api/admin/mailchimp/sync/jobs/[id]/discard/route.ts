import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { discardFailedMailchimpJobWorkflow } from "../../../../../../../workflows/discard-failed-job"
import type { AdminMailchimpJobActionResponse } from "../../../../../../../types/http"

/** Removes a failed job; its row is marked failed so that the reconciler leaves it alone. */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpJobActionResponse>) {
  const { result } = await discardFailedMailchimpJobWorkflow(req.scope).run({
    input: { id: req.params.id, discarded_by: req.auth_context?.actor_id ?? null },
  })
  res.json({ job: { id: result.job.id, name: result.job.name, discarded: true, row_marked_failed: result.marked } })
}
