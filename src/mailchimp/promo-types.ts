/** Promo rules and promo codes of an e-commerce store (3.0.76: `Ecommerce_Promo_Rule`, `Ecommerce_Promo_Code`). */

export type PromoRuleBody = {
  /** At most 50 characters. */
  id: string
  /** Required; at most 255 characters. */
  description: string
  /** Money for `fixed`; a decimal between 0.0 and 1.0 for `percentage`. */
  amount: number
  /** Free shipping is `fixed`. */
  type: "fixed" | "percentage"
  target: "per_item" | "total" | "shipping"
  starts_at?: string
  /** After `starts_at`. */
  ends_at?: string
  enabled?: boolean
  created_at_foreign?: string
  updated_at_foreign?: string
}

export type PromoRuleUpdateBody = Partial<Omit<PromoRuleBody, "id">>
export type PromoRule = PromoRuleBody

export type PromoCodeBody = {
  id: string
  /** At most 50 characters. */
  code: string
  /** At most 2,000 characters. */
  redemption_url: string
  usage_count?: number
  enabled?: boolean
  created_at_foreign?: string
  updated_at_foreign?: string
}

export type PromoCodeUpdateBody = Partial<Omit<PromoCodeBody, "id">>
export type PromoCode = PromoCodeBody

export type PromoRulesPage = { store_id: string; promo_rules: PromoRule[]; total_items: number }
export type PromoCodesPage = { store_id: string; promo_codes: PromoCode[]; total_items: number }
