import fc from "fast-check"
import { normalizeEvent, parseFiredAt, UnusableEventError } from "../../../src/modules/mailchimp/webhooks/normalize-event"
import { parseForm } from "../../../src/modules/mailchimp/webhooks/parse-form"
import { fingerprint, secretsEqual } from "../../../src/modules/mailchimp/webhooks/verify"
import { maskWebhookUrl, sameWebhookUrl, webhookSecretOf } from "../../../src/modules/mailchimp/webhooks/webhook-url"

const formKey = fc.oneof(
  fc.constantFrom("type", "fired_at", "data[email]", "data[list_id]", "data[merges][FNAME]", "data[new_email]", "data[old_email]", "data[merges][INTERESTS]", "data", "data[]", "[x]", "data[merges]"),
  fc.string()
)
const formBody = fc
  .array(fc.tuple(formKey, fc.oneof(fc.string(), fc.constantFrom("subscribe", "unsubscribe", "profile", "upemail", "cleaned", "campaign", "a@b.co", "2026-01-02 03:04:05"))), { maxLength: 12 })
  .map((pairs) => pairs.map(([k, v]) => `${Math.random() < 0.8 ? encodeURIComponent(k) : k}=${encodeURIComponent(v)}`).join("&"))

describe("webhook body parsing", () => {
  it("parses Mailchimp's nested keys", () => {
    const form = parseForm("type=profile&fired_at=2009-03-26+21%3A31%3A21&data%5Bemail%5D=api%40mailchimp.com&data[merges][FNAME]=Ann&data[merges][INTERESTS]=Group1%2CGroup2")
    expect(form).toEqual({
      type: "profile",
      fired_at: "2009-03-26 21:31:21",
      data: { email: "api@mailchimp.com", merges: { FNAME: "Ann", INTERESTS: "Group1,Group2" } },
    })
  })

  it("never throws on any input, and normalizing throws only UnusableEventError", () => {
    fc.assert(
      fc.property(fc.oneof(formBody, fc.string(), fc.fullUnicodeString()), (body) => {
        const form = parseForm(body)
        try {
          const event = normalizeEvent(form)
          expect(event.fired_at.getTime()).not.toBeNaN()
          if (event.email !== null) expect(event.email).toBe(event.email.toLowerCase())
        } catch (e) {
          if (!(e instanceof UnusableEventError)) throw e
        }
      }),
      { numRuns: 2_000 }
    )
  })

  it("reads fired_at as GMT and tolerates stray characters", () => {
    const received = new Date("2030-01-01T00:00:00Z")
    expect(parseFiredAt(" 2026-11-23 10:15:00xx", received).toISOString()).toBe("2026-11-23T10:15:00.000Z")
    expect(parseFiredAt("garbage", received)).toBe(received)
    expect(parseFiredAt("2026-13-45 99:99:99", received).getTime()).not.toBeNaN()
  })

  it("reads Mailchimp's documented upemail sample, stray backslash and all, as that time", () => {
    const received = new Date("2030-01-01T00:00:00Z")
    // https://mailchimp.com/developer/marketing/guides/sync-audience-data-webhooks/ (upemail sample)
    expect(parseFiredAt("2009-03-26\\ 22:15:09", received).toISOString()).toBe("2009-03-26T22:15:09.000Z")
    const form = parseForm("type=upemail&fired_at=2009-03-26%5C+22%3A15%3A09&data[new_id]=51da8c3259&data[new_email]=api+new%40mailchimp.com&data[old_email]=api+old%40mailchimp.com&data[list_id]=a6b5da1054")
    expect(normalizeEvent(form, received).fired_at.toISOString()).toBe("2009-03-26T22:15:09.000Z")
  })

  it("takes the time of receipt for a fired_at after it, or for a date that does not exist", () => {
    const received = new Date("2026-11-23T10:15:00Z")
    expect(parseFiredAt("2026-11-23 10:15:01", received)).toBe(received)
    expect(parseFiredAt("2099-01-01 00:00:00", received)).toBe(received)
    expect(parseFiredAt("2026-11-23 10:14:59", received).toISOString()).toBe("2026-11-23T10:14:59.000Z")
    expect(parseFiredAt("2026-02-31 10:00:00", received)).toBe(received)
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01") }), (d) => {
        const text = d.toISOString().slice(0, 19).replace("T", " ")
        expect(parseFiredAt(text, received).getTime()).toBeLessThanOrEqual(received.getTime())
      })
    )
  })

  it("fingerprints ignore key order and change with content", () => {
    const at = new Date()
    expect(fingerprint("subscribe", at, { a: "1", b: { c: "2" } })).toBe(fingerprint("subscribe", at, { b: { c: "2" }, a: "1" }))
    expect(fingerprint("subscribe", at, { a: "1" })).not.toBe(fingerprint("unsubscribe", at, { a: "1" }))
  })
})

describe("webhook secret", () => {
  it("compares secrets of any length", () => {
    expect(secretsEqual("abc", "abc")).toBe(true)
    expect(secretsEqual("abc", "abcd")).toBe(false)
    expect(secretsEqual(undefined, "abc")).toBe(false)
    expect(secretsEqual("", "abc")).toBe(false)
  })

  it("masks every secret of a URL, reads it back, and tells URLs that differ only in the query apart from others", () => {
    expect(maskWebhookUrl("/hooks/mailchimp?secret=abc&x=1&secret=def")).toBe("/hooks/mailchimp?secret=••••&x=1&secret=••••")
    expect(webhookSecretOf("https://shop.example/hooks/mailchimp?secret=a%2Bb")).toBe("a+b")
    expect(webhookSecretOf("https://shop.example/hooks/mailchimp")).toBeNull()
    expect(webhookSecretOf("not a url")).toBeNull()
    expect(sameWebhookUrl("https://shop.example/hooks/mailchimp?secret=a", "https://shop.example/hooks/mailchimp?secret=b")).toBe(true)
    expect(sameWebhookUrl("https://shop.example/hooks/mailchimp?secret=a", "https://other.example/hooks/mailchimp?secret=a")).toBe(false)
  })
})
