import type { PromoCodeBody, PromoRuleBody } from "../../../mailchimp"
import { mailchimpTime } from "../../../mailchimp"

/** The part of a Medusa promotion the mapping reads (what `query.graph` returns for PROMOTION_FIELDS). */
export type MedusaPromotion = {
  id: string
  code: string
  is_automatic?: boolean | null
  type: "standard" | "buyget"
  status: "draft" | "active" | "inactive"
  created_at?: string | Date | null
  updated_at?: string | Date | null
  deleted_at?: string | Date | null
  campaign?: { name?: string | null; starts_at?: string | Date | null; ends_at?: string | Date | null } | null
  application_method?: {
    type: "fixed" | "percentage"
    target_type: "order" | "shipping_methods" | "items"
    allocation?: "each" | "across" | "once" | null
    value?: number | string | null
    currency_code?: string | null
    target_rules?: { id: string }[] | null
  } | null
  rules?: { id: string }[] | null
}

export const PROMOTION_FIELDS = [
  "id",
  "code",
  "is_automatic",
  "type",
  "status",
  "created_at",
  "updated_at",
  "deleted_at",
  "campaign.name",
  "campaign.starts_at",
  "campaign.ends_at",
  "application_method.type",
  "application_method.target_type",
  "application_method.allocation",
  "application_method.value",
  "application_method.currency_code",
  "application_method.target_rules.id",
  "rules.id",
]

export type PromoMapping = { skip: string } | { rule: PromoRuleBody; code: PromoCodeBody }

export type PromoMappingOptions = {
  /** The storefront URL that applies a code, with `{code}` where the code goes; none: nothing can be sent. */
  redemptionUrlTemplate?: string
  /** The Mailchimp store's currency (lower case): a fixed amount in another currency cannot be said. */
  currencyCode: string
}

/** Mailchimp's limits (3.0.76 description): ids and codes 50 characters, description 255, redemption URL 2,000. */
const MAX_CODE = 50
const MAX_DESCRIPTION = 255
const MAX_URL = 2000

/**
 * Why Mailchimp cannot hold this promotion as it is, or null. Mailchimp's promo rule is one discount (fixed or
 * percentage) on items, the order total or shipping, between two dates, for a code a shopper types: anything more
 * (automatic, buy X get Y, conditions on the cart, the customer or the products) would be shown as a plain code that
 * does something else, so it is skipped with the reason instead.
 */
export function promoSkipReason(p: MedusaPromotion, opts: PromoMappingOptions): string | null {
  const method = p.application_method
  if (p.is_automatic) return "automatic promotion: Mailchimp's promo codes are codes a shopper enters"
  if (p.type === "buyget") return "buy X get Y: Mailchimp's promo rules have no such discount"
  if (p.rules?.length) return "limited by conditions (customer, cart, region …): Mailchimp's promo rules cannot say so"
  if (!method) return "no discount set on the promotion"
  if (method.target_rules?.length) return "limited to some products: Mailchimp's promo rules apply to every item"
  if (method.target_type === "items" && method.allocation === "once") return "applies once to a few items: Mailchimp's promo rules cannot say so"
  if (method.value === null || method.value === undefined) return "no discount value set on the promotion"
  if (method.type === "fixed" && method.currency_code && method.currency_code.toLowerCase() !== opts.currencyCode.toLowerCase()) {
    return `a fixed amount in ${method.currency_code.toUpperCase()}: the Mailchimp store counts in ${opts.currencyCode.toUpperCase()}`
  }
  if (!p.code || p.code.length > MAX_CODE) return `the code is empty or longer than Mailchimp's ${MAX_CODE} characters`
  if (!opts.redemptionUrlTemplate) return "no redemption URL: set the storefrontUrl or promoUrlTemplate option"
  const start = dateOf(p.campaign?.starts_at)
  const end = dateOf(p.campaign?.ends_at)
  if (start && end && end <= start) return "the campaign ends before it starts"
  return null
}

/** Medusa's target (and allocation) as Mailchimp's: see docs/promotions.md for why each is equivalent. */
function targetOf(method: NonNullable<MedusaPromotion["application_method"]>): PromoRuleBody["target"] {
  if (method.target_type === "shipping_methods") return "shipping"
  if (method.target_type === "order") return "total"
  // Items: a percentage off each item is the same percentage off their sum; a fixed amount split across the
  // items is that amount off the order (shipping untouched either way).
  if (method.type === "fixed" && method.allocation === "across") return "total"
  return "per_item"
}

function dateOf(v: string | Date | null | undefined): Date | null {
  if (!v) return null
  const d = v instanceof Date ? v : new Date(v)
  return Number.isNaN(d.getTime()) ? null : d
}

/** Medusa keeps 10 for 10 %; Mailchimp wants 0.10. Four places: 12.5 % is 0.125. */
export function percentageAmount(value: number): number {
  return Math.round(value * 100) / 10_000
}

export function redemptionUrl(template: string, code: string): string {
  return template.split("{code}").join(encodeURIComponent(code))
}

/** One Medusa promotion with a code → one Mailchimp promo rule with its one promo code (both under the promotion's id). */
export function toMailchimpPromo(p: MedusaPromotion, usageCount: number, opts: PromoMappingOptions): PromoMapping {
  const reason = promoSkipReason(p, opts)
  if (reason) return { skip: reason }
  const method = p.application_method!
  const value = Number(method.value)
  const enabled = p.status === "active" && !p.deleted_at
  const campaign = p.campaign?.name?.trim()
  const start = dateOf(p.campaign?.starts_at)
  const end = dateOf(p.campaign?.ends_at)
  const created = dateOf(p.created_at)
  const updated = dateOf(p.updated_at)
  const rule: PromoRuleBody = {
    id: p.id,
    // Mailchimp requires a description; the code and its campaign say what the merchant named it.
    description: (campaign ? `${p.code} (${campaign})` : p.code).slice(0, MAX_DESCRIPTION),
    amount: method.type === "percentage" ? percentageAmount(value) : value,
    type: method.type,
    target: targetOf(method),
    enabled,
    ...(start ? { starts_at: mailchimpTime(start) } : {}),
    ...(end ? { ends_at: mailchimpTime(end) } : {}),
    ...(created ? { created_at_foreign: mailchimpTime(created) } : {}),
    ...(updated ? { updated_at_foreign: mailchimpTime(updated) } : {}),
  }
  const url = redemptionUrl(opts.redemptionUrlTemplate!, p.code)
  if (url.length > MAX_URL) return { skip: `the redemption URL is longer than Mailchimp's ${MAX_URL} characters` }
  const code: PromoCodeBody = {
    id: p.id,
    code: p.code,
    redemption_url: url,
    usage_count: usageCount,
    enabled,
    ...(created ? { created_at_foreign: mailchimpTime(created) } : {}),
    ...(updated ? { updated_at_foreign: mailchimpTime(updated) } : {}),
  }
  return { rule, code }
}
