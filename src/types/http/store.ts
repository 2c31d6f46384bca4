import type { CustomerNewsletter } from "./customers"

/** GET /store/newsletter/settings: what a storefront shows beside the box. */
export type NewsletterSettings = {
  /** The text to show beside the box; the store records it with the consent. */
  checkout_label: string
  signup_label: string
  /** Always false: the box starts unchecked. */
  default_checked: false
  /** Whether new members confirm by email; null when Mailchimp could not be asked just now. */
  double_opt_in: boolean | null
  /** For a logged-in customer: already subscribed (or confirming), so the box can be hidden. Null otherwise. */
  subscribed: boolean | null
  status: CustomerNewsletter["status"] | null
  /** The interest categories the merchant offers, with their interests; [] when none (or Mailchimp could not be asked). */
  interest_categories: NewsletterInterestCategory[]
  /** The audience's GDPR fields with Mailchimp's texts; none ticked by default. [] when the audience has none. */
  marketing_permissions: NewsletterMarketingPermission[]
  /**
   * Mailchimp's site script (the connected site's mc.js) when the merchant turned it on and its URL is known; null
   * otherwise. Insert it only once the shopper accepted the cookies it sets (see `loadSiteScript`).
   */
  site_script: { url: string } | null
}

export type StoreNewsletterSettingsResponse = { newsletter: NewsletterSettings }

/** An interest a shopper may choose (a "group name" of Mailchimp's app), by Mailchimp's id. */
export type NewsletterInterest = { id: string; name: string }

/** A category of interests the merchant offers (a "group title"). */
export type NewsletterInterestCategory = { id: string; title: string; type: string; interests: NewsletterInterest[] }

/** A GDPR marketing permission of the audience, with Mailchimp's own text. */
export type NewsletterMarketingPermission = { id: string; text: string }

/**
 * POST /store/carts/:id/newsletter: the choice as sealed on the cart (time and label taken by the server), with the
 * interests and permissions the shopper chose, named as the server shows them.
 */
export type NewsletterChoice = {
  opt_in: boolean
  at: string
  label: string
  interests: NewsletterInterest[]
  marketing_permissions: NewsletterMarketingPermission[]
}

export type StoreCartNewsletterResponse = { newsletter: NewsletterChoice }

/** POST /store/newsletter (202): the signup is on its way. */
export type StoreNewsletterSignupResponse = { newsletter: { email: string; double_opt_in: boolean | null } }

/** GET /store/customers/me/newsletter */
export type StoreCustomerNewsletterResponse = { newsletter: CustomerNewsletter }

/** POST /store/customers/me/newsletter (202) */
export type StoreSetCustomerNewsletterResponse = {
  newsletter: { email: string; status: string | null; requested: "subscribe" | "unsubscribe" }
}

/** POST /store/mailchimp/cart-recovery: the cart a valid recovery link opens. */
export type StoreCartRecoveryResponse = { cart_id: string }

/** Its refusals (4xx): a link not made by this store (400), expired (410), or for a cart already checked out (409). */
export type StoreCartRecoveryError = { type: "invalid_token" | "expired_token" | "cart_completed" | "not_found"; message: string }

/** POST /store/carts/:id/mailchimp-source: where the shopper came from, as recorded. */
export type StoreCartSourceResponse = { source: { campaign_id: string | null; landing_site: string | null } }
