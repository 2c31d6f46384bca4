/** Where the storefront leaves the campaign a shopper came from: cart (and so order) metadata. */
export const CAMPAIGN_METADATA_KEY = "mc_cid"

// Mailchimp campaign ids are short alphanumeric strings (e.g. "4f3a9c2b1d").
const CAMPAIGN_ID = /^[A-Za-z0-9]{1,50}$/

/** The `mc_cid` the storefront passed, when it looks like a campaign id; anything else is ignored. */
export function readCampaignId(metadata: Record<string, unknown> | null | undefined): string | null {
  const value = metadata?.[CAMPAIGN_METADATA_KEY]
  return typeof value === "string" && CAMPAIGN_ID.test(value.trim()) ? value.trim() : null
}
