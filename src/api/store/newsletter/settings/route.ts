import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../../modules/mailchimp"
import { MAILCHIMP_JOURNEYS_MODULE } from "../../../../modules/mailchimp-journeys"
import type { IMailchimpJourneysService } from "../../../../types/mailchimp-journeys-module"
import type { IMailchimpModuleService } from "../../../../types/mailchimp-module"
import { readCustomerNewsletter } from "../../../utils/customer-newsletter"
import { keyAudience } from "../../../utils/opt-in-audience"
import type { StoreNewsletterSettingsResponse } from "../../../../types/http"

export async function GET(req: MedusaRequest, res: MedusaResponse<StoreNewsletterSettingsResponse>) {
  const service: IMailchimpModuleService = req.scope.resolve(MAILCHIMP_MODULE)
  const { checkoutLabel, signupLabel } = service.getOptions()
  const journeys = req.scope.resolve<IMailchimpJourneysService>(MAILCHIMP_JOURNEYS_MODULE)
  // The offer of the audience the key's sales channels share (a checkout or signup through this key goes there).
  const audienceId = keyAudience(req, service)
  const [audience, offer, journeyConfig] = await Promise.all([
    service.getAudienceProfile(audienceId).catch(() => null),
    service.getOptInOffer(audienceId).catch(() => null),
    journeys.journeyConfig().catch(() => null),
  ])
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
      interest_categories: offer?.interest_categories ?? [],
      marketing_permissions: offer?.marketing_permissions ?? [],
      site_script: journeyConfig?.site_script && journeyConfig.site_script_url ? { url: journeyConfig.site_script_url } : null,
    },
  })
}
