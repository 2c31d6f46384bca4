import { maskApiKey } from "../../../src/api/admin/mailchimp/mailchimp-reads"
import { AdminUpdateMailchimpSettings } from "../../../src/api/admin/mailchimp/settings/validators"
import { buildMergeFields } from "../../../src/modules/mailchimp/rules/merge-fields"
import { effectiveOptions, overriddenSettings, SavedSettings } from "../../../src/modules/mailchimp/settings/effective-options"
import { parsePluginOptions } from "../../../src/options"

const base = parsePluginOptions({
  apiKey: "0123456789abcdef0123456789abcdef-us6",
  audienceId: "aud1",
  redisUrl: "redis://localhost:6379",
  tags: ["store"],
})
const nothing: SavedSettings = { audience_id: null, double_opt_in: null, checkout_label: null, tags: null, merge_fields: null }

describe("saved settings over the plugin options", () => {
  it("a row of nulls changes nothing, and nothing counts as overridden", () => {
    expect(effectiveOptions(base, nothing)).toEqual(base)
    expect(effectiveOptions(base, null)).toBe(base)
    expect(overriddenSettings(nothing)).toEqual([])
  })

  it("each saved setting wins over its option; the rest of the options stay", () => {
    const saved: SavedSettings = {
      audience_id: "aud2",
      double_opt_in: "off",
      checkout_label: "Letters, please",
      tags: [],
      merge_fields: { first_name: "FIRST" },
    }
    const options = effectiveOptions(base, saved)
    expect(options).toEqual({
      ...base,
      audienceId: "aud2",
      doubleOptIn: false,
      checkoutLabel: "Letters, please",
      tags: [],
      mergeFields: { first_name: "FIRST", last_name: "LNAME", phone: "PHONE", address: "ADDRESS" },
    })
    expect(effectiveOptions(base, { ...nothing, double_opt_in: "on" }).doubleOptIn).toBe(true)
    expect(effectiveOptions(base, { ...nothing, double_opt_in: "audience" }).doubleOptIn).toBe("audience")
    expect(overriddenSettings(saved).sort()).toEqual(["audience_id", "checkout_label", "double_opt_in", "merge_fields", "tags"])
  })

  it("merge fields go under the configured tags, and only tags the audience has", () => {
    const fields = buildMergeFields(
      { first_name: "Ada", last_name: "Lovelace", phone: "+44" },
      new Set(["FIRST", "SURNAME"]),
      { first_name: "FIRST", last_name: "SURNAME", phone: "MOBILE", address: "ADDRESS" }
    )
    expect(fields).toEqual({ FIRST: "Ada", SURNAME: "Lovelace" })
  })

  it("a bad merge tag in the options is refused at boot, naming it", () => {
    expect(() => parsePluginOptions({ ...base, mergeFields: { first_name: "first name" } })).toThrow(/mergeFields\.first_name/)
  })
})

describe("the key as screens show it", () => {
  it("keeps only the data centre", () => {
    expect(maskApiKey("0123456789abcdef0123456789abcdef-us6")).toBe("••••••••-us6")
    expect(maskApiKey("nodatacentre")).toBe("••••••••")
    expect(maskApiKey("0123456789abcdef0123456789abcdef-US12")).not.toContain("0123")
  })
})

describe("the settings body", () => {
  const parse = (body: unknown) => AdminUpdateMailchimpSettings.safeParse(body)
  const fieldsOf = (body: unknown) => {
    const r = parse(body)
    return r.success ? [] : r.error.issues.map((i) => i.path.join("."))
  }

  it("takes a partial change, and null to reset", () => {
    expect(parse({ checkout_label: "  Hi  " })).toEqual({ success: true, data: { checkout_label: "Hi" } })
    expect(parse({ tags: null, merge_fields: null }).success).toBe(true)
    expect(parse({ merge_fields: { address: "ADDR_1" } }).success).toBe(true)
  })

  it("names the field that is wrong", () => {
    expect(fieldsOf({ checkout_label: "   " })).toEqual(["checkout_label"])
    expect(fieldsOf({ double_opt_in: true })).toEqual(["double_opt_in"])
    expect(fieldsOf({ tags: ["a", "A"] })).toEqual(["tags"])
    expect(fieldsOf({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).toEqual(["tags"])
    expect(fieldsOf({ merge_fields: { phone: "TOO_LONG_TAG" } })).toEqual(["merge_fields.phone"])
    expect(fieldsOf({ merge_fields: { first_name: "NAME", last_name: "NAME" } })).toEqual(["merge_fields"])
    expect(fieldsOf({ apiKey: "x" })).toEqual([""])
    expect(parse({}).success).toBe(false)
  })
})
