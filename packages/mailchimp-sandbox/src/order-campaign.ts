import { errors } from "./problems"
import type { SandboxState } from "./state"

/**
 * An order's `campaign_id` must name a campaign of the store's own audience: Mailchimp refuses a deleted campaign,
 * an id it never made and a campaign of another audience alike (mc-magento #879, mc-woocommerce #454). Empty is fine.
 */
export function assertOrderCampaign(state: SandboxState, listId: string, campaignId: unknown): void {
  if (campaignId === undefined || campaignId === null || campaignId === "") return
  const id = String(campaignId)
  const made = state.campaignsById.get(id)
  if (made && made.list_id === listId) return
  if (state.campaigns.some((c) => c.id === id && c.list_id === listId)) return
  throw errors.unknownCampaign()
}
