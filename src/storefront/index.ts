export {
  createNewsletterClient,
  newsletterCartMetadata,
  NewsletterError,
  NEWSLETTER_METADATA_KEY,
  type NewsletterChoice,
  type NewsletterClient,
  type NewsletterClientConfig,
  type NewsletterSettings,
} from "./newsletter-client"
