import { groupEntityIds } from "../../../src/modules/mailchimp/webhooks/group-ids"

const SHAPE = /^mcwe_[0-9A-HJKMNP-TV-Z]{26}$/

describe("groupEntityIds", () => {
  it("gives a group's rows distinct ids shaped like Medusa's, in the group's order", () => {
    const ids = groupEntityIds("mcwe", 1500)
    expect(new Set(ids).size).toBe(1500)
    for (const id of ids) expect(id).toMatch(SHAPE)
    // One time and random part for the group, the row's index last.
    expect(new Set(ids.map((id) => id.slice(0, -3))).size).toBe(1)
    expect(ids[0].slice(-3)).toBe("000")
    expect(ids[33].slice(-3)).toBe("011")
    expect(ids[1499].slice(-3)).toBe("1EV")
  })

  it("never repeats an id across groups", () => {
    const all = new Set<string>()
    for (let g = 0; g < 200; g++) for (const id of groupEntityIds("mcwe", 50)) all.add(id)
    expect(all.size).toBe(200 * 50)
  })

  it("refuses a group larger than its counter", () => {
    expect(groupEntityIds("mcwe", 32768)).toHaveLength(32768)
    expect(() => groupEntityIds("mcwe", 32769)).toThrow(RangeError)
  })
})

describe("groupEntityIds' time part", () => {
  it("encodes the time as a ULID does, so ids sort by when their group was written", () => {
    const decode = (id: string) =>
      [...id.slice(5, 15)].reduce((t, c) => t * 32 + "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c), 0)
    const before = Date.now()
    const [id] = groupEntityIds("mcwe", 1)
    expect(decode(id)).toBeGreaterThanOrEqual(before)
    expect(decode(id)).toBeLessThanOrEqual(Date.now())
  })
})
