import fc from "fast-check"
import { decideOptIn, MemberStatus } from "../../../src/modules/mailchimp/rules/next-member-status"
import { buildMergeFields, toUsPhone } from "../../../src/modules/mailchimp/rules/merge-fields"

const statuses: (MemberStatus | null)[] = [null, "subscribed", "unsubscribed", "cleaned", "pending", "transactional", "archived"]

describe("decideOptIn", () => {
  it("never turns an unsubscribed or cleaned member straight to subscribed", () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.boolean(), (current, doubleOptIn) => {
        const decision = decideOptIn(current, doubleOptIn)
        if (current === "unsubscribed") return decision.kind === "write" && decision.status === "pending"
        if (current === "cleaned") return decision.kind === "refuse"
        return true
      })
    )
  })

  it("follows double opt-in for new, archived and transactional contacts", () => {
    for (const current of [null, "archived", "transactional"] as const) {
      expect(decideOptIn(current, true)).toEqual(expect.objectContaining({ kind: "write", status: "pending" }))
      expect(decideOptIn(current, false)).toEqual(expect.objectContaining({ kind: "write", status: "subscribed" }))
    }
  })

  it("keeps subscribed and pending members as they are", () => {
    expect(decideOptIn("subscribed", true)).toEqual(expect.objectContaining({ status: "subscribed" }))
    expect(decideOptIn("pending", false)).toEqual(expect.objectContaining({ status: "pending" }))
  })
})

describe("buildMergeFields", () => {
  const all = new Set(["FNAME", "LNAME", "PHONE", "ADDRESS"])
  const address = { address_1: "1 Main", city: "Austin", province: "TX", postal_code: "78701", country_code: "us" }

  it("maps a Medusa address to Mailchimp's ADDRESS", () => {
    expect(buildMergeFields({ first_name: " Ada ", last_name: "L", phone: "+1 512", address }, all)).toEqual({
      FNAME: "Ada",
      LNAME: "L",
      PHONE: "+1 512",
      ADDRESS: { addr1: "1 Main", addr2: "", city: "Austin", state: "TX", zip: "78701", country: "US" },
    })
  })

  it("leaves ADDRESS out when Mailchimp would refuse it", () => {
    for (const missing of ["address_1", "city", "province", "postal_code"]) {
      const fields = buildMergeFields({ address: { ...address, [missing]: "" } }, all)
      expect(fields.ADDRESS).toBeUndefined()
    }
  })

  it("drops tags the audience does not have, and empty values", () => {
    expect(buildMergeFields({ first_name: "Ada", last_name: "", phone: null, address }, new Set(["FNAME"]))).toEqual({ FNAME: "Ada" })
  })
})

describe("a phone for a US-format PHONE field", () => {
  it("writes North American numbers NPA-NXX-LINE and leaves every other number out", () => {
    for (const n of ["5125550100", "512-555-0100", "(512) 555-0100", "+1 512 555 0100", "1-512-555-0100", "001 512 555 0100"]) {
      expect(toUsPhone(n)).toBe("512-555-0100")
    }
    for (const n of ["+44 20 7946 0958", "+33 1 42 68 53 00", "555-0100", "012-555-0100", "512-155-0100", "call me", "+15125550100999"]) {
      expect(toUsPhone(n)).toBeNull()
    }
  })

  it("buildMergeFields formats PHONE only for a US-format field, and leaves out what cannot be", () => {
    const tags = new Set(["FNAME", "PHONE"])
    expect(buildMergeFields({ first_name: "Ann", phone: "+44 20 7946 0958" }, tags)).toEqual({ FNAME: "Ann", PHONE: "+44 20 7946 0958" })
    expect(buildMergeFields({ first_name: "Ann", phone: "+44 20 7946 0958" }, tags, undefined, new Set(["PHONE"]))).toEqual({ FNAME: "Ann" })
    expect(buildMergeFields({ phone: "+1 (512) 555-0100" }, tags, undefined, new Set(["PHONE"]))).toEqual({ PHONE: "512-555-0100" })
  })
})
