import { happenedAgain, occurrenceFingerprint, statusSetBy } from "../../../src/modules/mailchimp/webhooks/repeat"

describe("a delivery whose body matches a stored one", () => {
  const prior = { type: "unsubscribe", status: "applied", action: "unsub", member_status: "unsubscribed" }

  it("is a retry while the member still holds the status that event set", () => {
    expect(happenedAgain(prior)).toBe(false)
  })

  it("happened again when the member has moved away from that status since", () => {
    expect(happenedAgain({ ...prior, member_status: "pending" })).toBe(true)
    expect(happenedAgain({ type: "subscribe", status: "applied", action: null, member_status: "unsubscribed" })).toBe(true)
  })

  it("is a retry when the first was not applied, has no member, or sets no status", () => {
    expect(happenedAgain({ ...prior, status: "received", member_status: "pending" })).toBe(false)
    expect(happenedAgain({ ...prior, status: "ignored", member_status: "pending" })).toBe(false)
    expect(happenedAgain({ ...prior, member_status: null })).toBe(false)
    expect(happenedAgain({ type: "profile", status: "applied", action: null, member_status: "pending" })).toBe(false)
  })

  it("reads the status each event type sets, `delete` archiving", () => {
    expect(statusSetBy("unsubscribe", "delete")).toBe("archived")
    expect(statusSetBy("cleaned", null)).toBe("cleaned")
    expect(statusSetBy("campaign", null)).toBeNull()
  })

  it("keeps the plain fingerprint for the first occurrence", () => {
    expect(occurrenceFingerprint("abc", 1)).toBe("abc")
    expect(occurrenceFingerprint("abc", 2)).toBe("abc#2")
  })
})
