/** Where a cart (and the order made from it) carries the shopper's newsletter choice. */
export const NEWSLETTER_METADATA_KEY = "mailchimp_newsletter"

export type NewsletterChoice = {
  opt_in: boolean
  // The evidence: when, from where, and the exact text shown beside the box.
  at: string
  ip: string | null
  user_agent: string | null
  label: string
}

export function readNewsletterChoice(metadata: Record<string, unknown> | null | undefined): NewsletterChoice | null {
  const value = metadata?.[NEWSLETTER_METADATA_KEY] as Partial<NewsletterChoice> | undefined
  if (!value || typeof value !== "object" || typeof value.opt_in !== "boolean") {
    return null
  }
  return {
    opt_in: value.opt_in,
    at: typeof value.at === "string" ? value.at : new Date().toISOString(),
    ip: typeof value.ip === "string" ? value.ip : null,
    user_agent: typeof value.user_agent === "string" ? value.user_agent : null,
    label: typeof value.label === "string" ? value.label : "",
  }
}
