import { audienceMoveProblems, channelsNeedingBackfill } from "../../../src/modules/mailchimp-commerce/channels"
import { parseCommerceOptions } from "../../../src/modules/mailchimp-commerce/options"
import { effectiveCommerceOptions } from "../../../src/modules/mailchimp-commerce/settings/saved-mapping"

const base = { apiKey: "k-us1", audienceId: "aud1", redisUrl: "redis://x", storeId: "shop" }
const EU = { storeId: "eu", name: "EU", currency: "EUR" }
const field = (id: string, f: string) => `sales_channels.${id}.${f}`

describe("a saved sales channel mapping", () => {
  it("wins over the option; none saved (or null): the option as it is", () => {
    const option = parseCommerceOptions({ ...base, salesChannels: { sc_us: { storeId: "us", name: "US", currency: "USD" } } })
    expect(effectiveCommerceOptions(option, null)).toBe(option)
    expect(effectiveCommerceOptions(option, { sales_channels: null })).toBe(option)
    expect(effectiveCommerceOptions(option, { sales_channels: { sc_eu: EU } }).salesChannels).toEqual({ sc_eu: EU })
  })

  it("a store keeps its audience: a channel moved to another audience with its store id is refused, with a new id it is not", () => {
    const current = parseCommerceOptions({ ...base, salesChannels: { sc_eu: EU } })
    expect(audienceMoveProblems(current, { sc_eu: { ...EU, audienceId: "aud2" } }, field)).toEqual([
      expect.stringMatching(/^sales_channels\.sc_eu\.audienceId: store eu belongs to audience aud1, .*give this channel a new store id/),
    ])
    expect(audienceMoveProblems(current, { sc_eu: { ...EU, storeId: "eu-2", audienceId: "aud2" } }, field)).toEqual([])
    // Without the option the one store (storeId) belongs to the plugin's audience too.
    const single = parseCommerceOptions(base)
    expect(audienceMoveProblems(single, { sc_x: { storeId: "shop", name: "S", currency: "EUR", audienceId: "aud2" } }, field)).toHaveLength(1)
  })

  it("a backfill is needed for the channels sent to a store that lacks their objects, none for a channel that keeps its store", () => {
    const single = parseCommerceOptions(base)
    const mapped = effectiveCommerceOptions(single, { sales_channels: { sc_a: { storeId: "shop", name: "S", currency: "EUR" }, sc_b: EU } })
    expect(channelsNeedingBackfill(single, mapped, ["sc_a", "sc_b", "sc_c"])).toEqual(["sc_b"])
    const moved = effectiveCommerceOptions(single, { sales_channels: { sc_a: { storeId: "eu", name: "EU", currency: "EUR" }, sc_b: EU } })
    expect(channelsNeedingBackfill(mapped, moved, ["sc_a", "sc_b", "sc_c"])).toEqual(["sc_a"])
    expect(channelsNeedingBackfill(moved, single, ["sc_a", "sc_b"])).toEqual(["sc_a", "sc_b"])
  })
})
