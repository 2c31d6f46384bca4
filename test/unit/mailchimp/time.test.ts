import { mailchimpTime } from "../../../src/mailchimp"

describe("mailchimpTime", () => {
  it("writes YYYY-MM-DDTHH:MM:SS+00:00 in UTC", () => {
    expect(mailchimpTime("2026-12-05T10:11:12.345Z")).toBe("2026-12-05T10:11:12+00:00")
    expect(mailchimpTime("2026-12-05T12:15:00+02:00")).toBe("2026-12-05T10:15:00+00:00")
    expect(mailchimpTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe("2026-01-02T03:04:05+00:00")
    expect(() => mailchimpTime("not a time")).toThrow(RangeError)
  })
})
