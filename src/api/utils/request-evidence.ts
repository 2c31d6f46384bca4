import type { MedusaRequest } from "@medusajs/framework/http"

/** What the store can prove about a consent given in this request. */
export function requestEvidence(req: MedusaRequest, label: string) {
  const forwarded = req.headers["x-forwarded-for"]
  const ip = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim() || req.ip || null
  return {
    at: new Date().toISOString(),
    ip,
    user_agent: req.get("user-agent") ?? null,
    label,
  }
}
