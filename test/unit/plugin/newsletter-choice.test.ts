import { evidenceKey, NEWSLETTER_METADATA_KEY, readNewsletterChoice, sealNewsletterChoice } from "../../../src/modules/mailchimp/newsletter-choice"

describe("the sealed newsletter choice", () => {
  const key = evidenceKey(undefined, "cookie-secret")
  const choice = { opt_in: true, at: "2026-12-05T10:00:00.000Z", ip: "192.0.2.9", user_agent: "agent/1.0", label: "Email me news and offers" }
  const read = (value: unknown, k = key) => readNewsletterChoice({ [NEWSLETTER_METADATA_KEY]: value }, k)

  it("reads back what the server sealed, field for field", () => {
    const sealed = sealNewsletterChoice(choice, key)
    expect(sealed.seal).toMatch(/^v1\./)
    expect(read(sealed)).toEqual(choice)
    expect(read({ ...sealed, ip: null, seal: sealNewsletterChoice({ ...choice, ip: null }, key).seal })).toEqual({ ...choice, ip: null })
  })

  it("ignores anything else: no seal, a changed field, another key's seal, wrong types", () => {
    const sealed = sealNewsletterChoice(choice, key)
    expect(read(choice)).toBeNull()
    expect(read(true)).toBeNull()
    for (const field of ["opt_in", "at", "ip", "user_agent", "label"] as const) {
      const changed = field === "opt_in" ? false : `${choice[field]}x`
      expect(read({ ...sealed, [field]: changed })).toBeNull()
    }
    expect(read(sealed, evidenceKey(undefined, "another-cookie-secret"))).toBeNull()
    expect(read({ ...sealed, seal: sealed.seal.slice(0, -1) })).toBeNull()
    expect(read({ ...sealed, at: 1 })).toBeNull()
    expect(read({ ...sealed, ip: undefined })).toBeNull()
  })

  it("the key: evidenceSecret over the cookie secret, never the secret itself; none at all refuses to start", () => {
    expect(evidenceKey("e".repeat(32), "cookie-secret").equals(evidenceKey("e".repeat(32), "other"))).toBe(true)
    expect(evidenceKey("e".repeat(32), "cookie-secret").equals(key)).toBe(false)
    expect(key.toString("utf8")).not.toContain("cookie-secret")
    expect(() => evidenceKey(undefined, undefined)).toThrow(/evidenceSecret/)
  })
})
