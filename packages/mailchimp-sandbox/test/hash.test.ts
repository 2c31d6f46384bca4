import { randomHex } from "../src/hash"

describe("randomHex", () => {
  it("hands out ids of the asked length, all different, across refills of its pool of random bytes", () => {
    // 5 bytes each: a 4 KB pool is refilled every 819 ids.
    const ids = Array.from({ length: 5_000 }, () => randomHex(10))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{10}$/)
    expect(new Set(ids).size).toBe(ids.length)
    expect(randomHex(33)).toMatch(/^[0-9a-f]{33}$/)
    expect(randomHex(10_000)).toHaveLength(10_000)
  })
})
