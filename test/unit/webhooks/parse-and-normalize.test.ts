import fc from "fast-check"
import { normalizeEvent, parseFiredAt, UnusableEventError } from "../../../src/modules/mailchimp/webhooks/normalize-event"
import { parseForm } from "../../../src/modules/mailchimp/webhooks/parse-form"
import { fingerprint, secretsEqual, verifySignature } from "../../../src/modules/mailchimp/webhooks/verify"
import crypto from "crypto"

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

  it("fingerprints ignore key order and change with content", () => {
    const at = new Date()
    expect(fingerprint("subscribe", at, { a: "1", b: { c: "2" } })).toBe(fingerprint("subscribe", at, { b: { c: "2" }, a: "1" }))
    expect(fingerprint("subscribe", at, { a: "1" })).not.toBe(fingerprint("unsubscribe", at, { a: "1" }))
  })
})

describe("webhook verification", () => {
  const secret = "whsec_test"
  const body = Buffer.from("type=subscribe&data[email]=a@b.co")
  const sign = (t: number, key = secret) => `t=${t},v1=${crypto.createHmac("sha256", key).update(`${t}.${body}`).digest("hex")}`
  const now = Date.now()
  const t = Math.floor(now / 1000)

  it("accepts a fresh, correct signature and refuses the rest", () => {
    expect(verifySignature(sign(t), body, secret, now)).toEqual({ ok: true })
    expect(verifySignature(sign(t, "other"), body, secret, now)).toEqual({ ok: false, reason: "signature mismatch" })
    expect(verifySignature(sign(t - 301), body, secret, now)).toEqual({ ok: false, reason: "signature too old" })
    expect(verifySignature(undefined, body, secret, now)).toEqual({ ok: false, reason: "signature missing" })
    expect(verifySignature("t=abc,v1=zz", body, secret, now)).toEqual({ ok: false, reason: "signature malformed" })
    expect(verifySignature(sign(t), Buffer.from("type=unsubscribe"), secret, now).ok).toBe(false)
  })

  it("never throws on any header", () => {
    fc.assert(fc.property(fc.string(), (header) => typeof verifySignature(header, body, secret, now).ok === "boolean"))
  })

  it("compares secrets of any length", () => {
    expect(secretsEqual("abc", "abc")).toBe(true)
    expect(secretsEqual("abc", "abcd")).toBe(false)
    expect(secretsEqual(undefined, "abc")).toBe(false)
    expect(secretsEqual("", "abc")).toBe(false)
  })
})
