import { audienceOfChannel, audienceOfChannels, consentAudiences, interestCategoriesOf } from "../../../src/modules/mailchimp/audience/channel-audience"
import { parsePluginOptions } from "../../../src/options"

const base = { apiKey: "0123456789abcdef0123456789abcdef-us6", audienceId: "aud1", redisUrl: "redis://localhost:6379", interestCategories: ["cat1"] }
const channels = {
  sc_eu: { storeId: "eu", name: "EU", currency: "EUR", storefrontUrl: "https://eu.test" },
  sc_us: { storeId: "us", name: "US", currency: "USD", storefrontUrl: "https://us.test" },
  sc_b2b: { storeId: "b2b", name: "B2B", currency: "EUR", storefrontUrl: "https://b2b.test", audienceId: "aud2" },
}

describe("the audience of a sales channel's consents", () => {
  it("without salesChannels: the plugin's audience for every channel and key, and no other", () => {
    const options = parsePluginOptions(base)
    expect(audienceOfChannel(options, "sc_b2b")).toBe("aud1")
    expect(audienceOfChannel(options, null)).toBe("aud1")
    expect(audienceOfChannels(options, ["sc_b2b"])).toBe("aud1")
    expect(consentAudiences(options)).toEqual(["aud1"])
  })

  it("a mapped channel's audience when its mapping names one; else the plugin's", () => {
    const options = parsePluginOptions({ ...base, salesChannels: channels })
    expect(audienceOfChannel(options, "sc_b2b")).toBe("aud2")
    expect(audienceOfChannel(options, "sc_eu")).toBe("aud1")
    expect(audienceOfChannel(options, "sc_unmapped")).toBe("aud1")
    expect(consentAudiences(options)).toEqual(["aud1", "aud2"])
  })

  it("a publishable key's channels: their one audience, else the plugin's (never a guess among several)", () => {
    const options = parsePluginOptions({ ...base, salesChannels: channels })
    expect(audienceOfChannels(options, ["sc_b2b"])).toBe("aud2")
    // An unmapped channel beside it does not count.
    expect(audienceOfChannels(options, ["sc_b2b", "sc_unmapped"])).toBe("aud2")
    expect(audienceOfChannels(options, ["sc_eu", "sc_us"])).toBe("aud1")
    expect(audienceOfChannels(options, ["sc_eu", "sc_b2b"])).toBe("aud1")
    expect(audienceOfChannels(options, ["sc_unmapped"])).toBe("aud1")
    expect(audienceOfChannels(options, [])).toBe("aud1")
    expect(audienceOfChannels(options, undefined)).toBe("aud1")
  })

  it("the interest categories offered: the option's in the plugin's audience, the saved ones (or none) in another", () => {
    const options = parsePluginOptions({ ...base, salesChannels: channels })
    const saved = { audience_id: null, double_opt_in: null, checkout_label: null, tags: null, merge_fields: null, interest_categories: { aud2: ["cat9"] } }
    expect(interestCategoriesOf(options, saved, "aud1")).toEqual(["cat1"])
    expect(interestCategoriesOf(options, saved, "aud2")).toEqual(["cat9"])
    expect(interestCategoriesOf(options, null, "aud2")).toEqual([])
  })
})
