import type { MailchimpError } from "../../../mailchimp"
import { isUnknownCampaign } from "./mailchimp-answers"

export type CampaignRefusal = { reason?: string }

/**
 * Mailchimp refuses an order whose campaign id is not a campaign of this audience (deleted, made up, another
 * account's or another audience's: mc-magento #879, mc-woocommerce #454). The order, its purchase history and
 * its customer matter more than the attribution: it goes again without the id, and the reason is kept.
 */
export async function withoutRefusedCampaign<T extends { campaign_id?: string }>(
  body: T,
  send: (body: T) => Promise<unknown>,
  campaign: CampaignRefusal
): Promise<void> {
  try {
    await send(body)
  } catch (e) {
    if (!body.campaign_id || !isUnknownCampaign(e)) throw e
    const { campaign_id, ...rest } = body
    campaign.reason = `sent without its campaign id ${campaign_id}: ${(e as MailchimpError).detail}`
    await send(rest as T)
  }
}
