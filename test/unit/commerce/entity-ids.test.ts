import { generateEntityId } from "@medusajs/framework/utils"
import { entityIds } from "../../../src/modules/mailchimp-commerce/backfill/entity-ids"

describe("entity ids in bulk", () => {
  it("are shaped as generateEntityId's (prefix, ULID), share its time part, and are distinct", () => {
    const ids = entityIds("mccs", 5_000)
    const medusa = generateEntityId(undefined, "mccs")
    expect(ids).toHaveLength(5_000)
    for (const id of ids) expect(id).toMatch(/^mccs_[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(medusa).toMatch(/^mccs_[0-9A-HJKMNP-TV-Z]{26}$/)
    // Same millisecond clock: the leading time characters agree.
    expect(ids[0].slice(5, 10)).toBe(medusa.slice(5, 10))
    expect(new Set(ids).size).toBe(ids.length)
    expect(entityIds("mcpo", 0)).toEqual([])
  })
})
