import type { MedusaRequest } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { clientIp } from "./client-ip"

/** The client's IP, counting the trusted proxies the plugin's `trustedProxyHops` names (see client-ip.ts). */
export function requestIp(req: MedusaRequest): string | null {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  return clientIp(req.socket?.remoteAddress, req.headers["x-forwarded-for"], service.getOptions().trustedProxyHops)
}

/** What the store can prove about a consent given in this request: taken here, never from the body. */
export function requestEvidence(req: MedusaRequest, label: string) {
  return {
    at: new Date().toISOString(),
    ip: requestIp(req),
    user_agent: req.get("user-agent") ?? null,
    label,
  }
}
