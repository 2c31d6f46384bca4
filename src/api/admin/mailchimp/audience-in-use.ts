import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_MODULE } from "../../../modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../modules/mailchimp-commerce"
import { audiencesInUse } from "../../../options"
import type { IMailchimpCommerceService } from "../../../types/mailchimp-commerce-module"
import type { IMailchimpModuleService } from "../../../types/mailchimp-module"

/** The plugin's audience (as saved in the settings or given as an option): the audience of rows that name none. */
export function pluginAudience(req: MedusaRequest): string {
  return req.scope.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE).getOptions().audienceId
}

/**
 * The audiences segments and campaigns may be on: the plugin's, then those of the sales channels' stores (the mapping
 * saved in the admin, else the option: the commerce module's effective options).
 */
export function audiencesOf(req: MedusaRequest): string[] {
  const { salesChannels } = req.scope.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE).getOptions()
  return audiencesInUse({ audienceId: pluginAudience(req), salesChannels })
}

/**
 * After the body's validator: an `audience_id` given must be one the plugin uses (which the schema alone cannot
 * know, the mapping being an option); otherwise 400 naming the field, before anything is changed.
 */
export function requireAudienceInUse(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const audienceId = (req.validatedBody as { audience_id?: string | null } | undefined)?.audience_id
  if (audienceId == null) return next()
  const inUse = audiencesOf(req)
  if (inUse.includes(audienceId)) return next()
  res.status(400).json({
    type: "invalid_data",
    message: `audience_id: ${audienceId} is not an audience this store uses (${inUse.join(", ")})`,
  })
}
