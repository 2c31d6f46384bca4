import { createHmac } from "node:crypto"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../types/mailchimp-module"
import { requestIp } from "../../utils/request-evidence"
import type { StoreNewsletterSignupType } from "./validators"

/** A Redis key part for a value that must not be stored as it is (an address, an IP). */
function keyPart(key: Buffer, kind: string, value: string): string {
  return createHmac("sha256", key).update(`${kind}:${value}`).digest("hex").slice(0, 32)
}

/**
 * At most `signupLimits.perIp` anonymous signups per client IP and `perAddress` per address in their windows,
 * counted in Redis across every server process; beyond them 429 with Retry-After. The per-address limit is
 * the one a client cannot dodge by writing headers. Redis keys hold HMACs, never the address or the IP.
 * When Redis does not answer, the signup goes on unchecked (Mailchimp's confirmation email still guards it).
 */
export async function limitSignups(req: MedusaRequest<StoreNewsletterSignupType>, res: MedusaResponse, next: MedusaNextFunction) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { signupLimits: limits } = service.getOptions()
  const key = service.getEvidenceKey()
  const counter = service.getQueue().rateLimit()
  try {
    const byIp = await counter.hit(`signup:ip:${keyPart(key, "ip", requestIp(req) ?? "none")}`, limits.perIp, limits.ipWindowSeconds * 1000)
    if (!byIp.allowed) return tooMany(res, byIp.retryAfterSeconds)
    const address = req.validatedBody.email.trim().toLowerCase()
    const byAddress = await counter.hit(`signup:address:${keyPart(key, "address", address)}`, limits.perAddress, limits.addressWindowSeconds * 1000)
    if (!byAddress.allowed) return tooMany(res, byAddress.retryAfterSeconds)
  } catch {
    service.getLogger().warn("medusa-mailchimp: signup limits not checked (Redis did not answer)")
  }
  next()
}

function tooMany(res: MedusaResponse, retryAfterSeconds: number) {
  res.setHeader("Retry-After", String(retryAfterSeconds))
  res.status(429).json({ type: "too_many_requests", message: "Too many signups, try again later" })
}
