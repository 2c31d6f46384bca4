import { operationId, parseOperationId } from "../../../src/modules/mailchimp-commerce/backfill/operation-id"
import { customerOperations, mergePlans } from "../../../src/modules/mailchimp-commerce/backfill/operations"
import { consentAudienceOf, storeOfChannel, storesOfChannels, storeTargets } from "../../../src/modules/mailchimp-commerce/channels"
import { parseCommerceOptions } from "../../../src/modules/mailchimp-commerce/options"

const base = { apiKey: "k-us1", audienceId: "aud1", redisUrl: "redis://x" }
const customer = (id: string) => ({ id, email_address: `${id}@example.com`, opt_in_status: false })

describe("sales channels → Mailchimp stores", () => {
  it("without salesChannels: one store for every channel, as before", () => {
    const options = parseCommerceOptions({ ...base, storeId: "shop", storeName: "Shop", storefrontUrl: "https://shop.test" })
    expect(storeTargets(options)).toEqual([{ storeId: "shop", audienceId: "aud1", name: "Shop", storefrontUrl: "https://shop.test", channelIds: null }])
    expect(storeOfChannel(options, "sc_any")?.storeId).toBe("shop")
    expect(storeOfChannel(options, null)?.storeId).toBe("shop")
    expect(storesOfChannels(options, []).map((s) => s.storeId)).toEqual(["shop"])
    // Without the option the opt-in rule is as it always was (no audience filter on the consent).
    expect(consentAudienceOf(options, storeTargets(options)[0])).toBeUndefined()
  })

  it("with salesChannels: channels sharing a store are one target; an unmapped channel has none", () => {
    const options = parseCommerceOptions({
      ...base,
      salesChannels: {
        sc_eu: { storeId: "eu", name: "EU", currency: "eur", storefrontUrl: "https://eu.test" },
        sc_eu_b2b: { storeId: "eu", name: "EU", currency: "EUR", storefrontUrl: "https://eu.test/b2b" },
        sc_us: { storeId: "us", name: "US", currency: "USD", audienceId: "aud2" },
      },
    })
    expect(storeTargets(options)).toEqual([
      { storeId: "eu", audienceId: "aud1", name: "EU", currency: "EUR", storefrontUrl: "https://eu.test", channelIds: ["sc_eu", "sc_eu_b2b"] },
      { storeId: "us", audienceId: "aud2", name: "US", currency: "USD", storefrontUrl: undefined, channelIds: ["sc_us"] },
    ])
    expect(storeOfChannel(options, "sc_eu_b2b")?.storeId).toBe("eu")
    expect(storeOfChannel(options, "sc_other")).toBeNull()
    expect(storeOfChannel(options, null)).toBeNull()
    expect(storesOfChannels(options, ["sc_other", "sc_us"]).map((s) => s.storeId)).toEqual(["us"])
    // Each store's opt-in is decided by the consents of its own audience.
    const [eu, us] = storeTargets(options)
    expect(consentAudienceOf(options, eu)).toBe("aud1")
    expect(consentAudienceOf(options, us)).toBe("aud2")
  })

  it("one batch for several stores: one index per object, operation ids unique, steps read as before", () => {
    const merged = mergePlans([customerOperations("eu", [customer("a"), customer("b")]), customerOperations("us", [customer("b"), customer("c")])])
    expect(merged.objectIds).toEqual(["a", "b", "c"])
    expect(merged.operations.map((o) => [o.path, o.operation_id])).toEqual([
      ["/ecommerce/stores/eu/customers/a", "0|put@0"],
      ["/ecommerce/stores/eu/customers/b", "1|put@0"],
      ["/ecommerce/stores/us/customers/b", "1|put@1"],
      ["/ecommerce/stores/us/customers/c", "2|put@1"],
    ])
    expect(parseOperationId("1|put@1")).toEqual({ index: 1, step: "put" })
    expect(parseOperationId(operationId(3, "variant-2"))).toEqual({ index: 3, step: "variant-2" })
    // One store: the plan as it was.
    const one = customerOperations("eu", [customer("a")])
    expect(mergePlans([one])).toBe(one)
  })
})
