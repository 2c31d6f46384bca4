import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../../types/mailchimp-module"
import type { SignupGuardAnswer } from "../../../options"

/**
 * The merchant's `signupGuard` (a CAPTCHA check, a block list: see docs/signup-guard.md) decides whether an
 * anonymous signup is taken: refused → 403 with the guard's reason. A guard that throws refuses too, so a
 * CAPTCHA provider being down never lets every request through.
 */
export async function guardSignup(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const guard = service.getOptions().signupGuard
  if (!guard) return next()
  let answer: SignupGuardAnswer
  try {
    answer = await guard(req)
  } catch {
    service.getLogger().warn("medusa-mailchimp: the signup guard threw; the signup was refused")
    answer = false
  }
  const refused = answer === false || (typeof answer === "object" && answer !== null && answer.allowed === false)
  if (!refused && answer !== undefined) return next()
  const reason = typeof answer === "object" && answer && "reason" in answer && answer.reason ? answer.reason : "The signup was refused"
  res.status(403).json({ type: "not_allowed", message: reason })
}
