export {
  createNewsletterClient,
  newsletterCartMetadata,
  NewsletterError,
  NEWSLETTER_METADATA_KEY,
  type NewsletterChoice,
  type NewsletterClient,
  type NewsletterClientConfig,
  type NewsletterExtras,
  type NewsletterSettings,
} from "./newsletter-client"
export { campaignSource, captureCampaignSource, recoveryTokenFrom, sendCampaignSource, type CampaignSource } from "./campaign-source"
export { loadSiteScript, SITE_SCRIPT_ID, type LoadSiteScriptOptions, type SiteScriptConsent } from "./site-script"
