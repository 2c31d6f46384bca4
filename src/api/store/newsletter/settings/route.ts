import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import type MailchimpModuleService from "../../../../modules/mailchimp/service"
import { readCustomerNewsletter } from "../../../utils/customer-newsletter"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service: MailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { checkoutLabel, signupLabel } = service.getOptions()
  const audience = await service.getAudienceProfile().catch(() => null)
  // A logged-in customer who is subscribed (or confirming) needs no box.
  const customerId = (req as { auth_context?: { actor_id?: string } }).auth_context?.actor_id
  const mine = customerId ? await readCustomerNewsletter(req.scope, customerId).catch(() => null) : null
  res.json({
    newsletter: {
      checkout_label: checkoutLabel,
      signup_label: signupLabel,
      default_checked: false,
      // null when Mailchimp could not be asked just now
      double_opt_in: audience ? audience.doubleOptIn : null,
      // null when no customer is logged in
      subscribed: mine ? mine.status === "subscribed" || mine.status === "pending" : null,
      status: mine ? mine.status : null,
    },
  })
}
