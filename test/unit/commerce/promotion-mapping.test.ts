import { percentageAmount, toMailchimpPromo, type MedusaPromotion } from "../../../src/modules/mailchimp-commerce/mapping/promotion"

const opts = { redemptionUrlTemplate: "https://shop.example.com/promo/{code}", currencyCode: "usd" }
const promo = (over: Partial<MedusaPromotion> = {}, method: Partial<NonNullable<MedusaPromotion["application_method"]>> = {}): MedusaPromotion => ({
  id: "promo_1",
  code: "SAVE 10",
  type: "standard",
  status: "active",
  is_automatic: false,
  rules: [],
  application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10, target_rules: [], ...method },
  ...over,
})
const mapped = (p: MedusaPromotion) => {
  const m = toMailchimpPromo(p, 2, opts)
  if ("skip" in m) throw new Error(m.skip)
  return m
}

describe("promotion → promo rule and code", () => {
  it("Medusa's 10 (%) is Mailchimp's 0.10; 12.5 is 0.125; a fixed amount is sent as is", () => {
    expect(percentageAmount(10)).toBe(0.1)
    expect(percentageAmount(12.5)).toBe(0.125)
    expect(mapped(promo()).rule.amount).toBe(0.1)
    expect(mapped(promo({}, { type: "fixed", value: 7.5, currency_code: "usd" })).rule.amount).toBe(7.5)
  })

  it("targets: order → total, shipping methods → shipping, items → per_item (a fixed amount across items → total)", () => {
    expect(mapped(promo()).rule.target).toBe("total")
    expect(mapped(promo({}, { target_type: "shipping_methods" })).rule.target).toBe("shipping")
    expect(mapped(promo({}, { target_type: "items", allocation: "each" })).rule.target).toBe("per_item")
    expect(mapped(promo({}, { target_type: "items", allocation: "across" })).rule.target).toBe("per_item")
    expect(mapped(promo({}, { target_type: "items", allocation: "across", type: "fixed", currency_code: "usd" })).rule.target).toBe("total")
  })

  it("the code carries its redemption URL (the code URL-encoded), usage count and status; a draft is disabled", () => {
    const { code, rule } = mapped(promo({ status: "draft", campaign: { name: "Fall", starts_at: "2027-01-01T00:00:00Z" } }))
    expect(code).toEqual(expect.objectContaining({ id: "promo_1", code: "SAVE 10", redemption_url: "https://shop.example.com/promo/SAVE%2010", usage_count: 2, enabled: false }))
    expect(rule).toEqual(expect.objectContaining({ id: "promo_1", description: "SAVE 10 (Fall)", enabled: false, starts_at: "2027-01-01T00:00:00+00:00" }))
    expect(rule.ends_at).toBeUndefined()
  })

  it.each([
    [promo({ is_automatic: true }), /automatic/],
    [promo({ type: "buyget" }), /buy X get Y/],
    [promo({ rules: [{ id: "prorul_1" }] }), /limited by conditions/],
    [promo({}, { target_rules: [{ id: "prorul_2" }] }), /limited to some products/],
    [promo({}, { target_type: "items", allocation: "once" }), /once/],
    [promo({}, { type: "fixed", currency_code: "eur" }), /EUR/],
    [promo({ application_method: null }), /no discount/],
    [promo({ campaign: { starts_at: "2027-02-01T00:00:00Z", ends_at: "2027-01-01T00:00:00Z" } }), /ends before it starts/],
    [promo({ code: "X".repeat(51) }), /50 characters/],
  ])("skips what Mailchimp cannot say, with the reason (%#)", (p, reason) => {
    const m = toMailchimpPromo(p, 0, opts)
    expect("skip" in m && m.skip).toMatch(reason)
  })

  it("without a redemption URL template nothing can be sent", () => {
    const m = toMailchimpPromo(promo(), 0, { currencyCode: "usd" })
    expect("skip" in m && m.skip).toMatch(/storefrontUrl or promoUrlTemplate/)
  })
})
