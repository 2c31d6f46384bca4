import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runHealthCheck } from "../../../../health/run-health-check"
import type { AdminHealthResponse } from "../../../../types/http"

/** The account health check (read-only): one line per check, each ok, warning or error with how to fix it. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminHealthResponse>) {
  res.json({ health: await runHealthCheck(req.scope) })
}
