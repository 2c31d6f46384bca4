import { createHash } from "node:crypto"
import fc from "fast-check"
import { subscriberHash, toSubscriberHash } from "../../../src/mailchimp"

describe("subscriberHash", () => {
  it("is the md5 hex of the lower-cased, trimmed address", () => {
    // Mailchimp's documentation example.
    expect(subscriberHash("urist.mcvankab@freddiesjokes.com")).toBe("62eeb292278cc15f5817cb78f7790b08")
    expect(subscriberHash("  Urist.McVankab@FreddiesJokes.com\n")).toBe("62eeb292278cc15f5817cb78f7790b08")
    expect(subscriberHash("ann@example.com")).toBe(createHash("md5").update("ann@example.com").digest("hex"))
  })

  it("ignores case and surrounding whitespace for any address", () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const hash = subscriberHash(email)
        expect(hash).toMatch(/^[0-9a-f]{32}$/)
        expect(subscriberHash(` ${email.toUpperCase()}\t`)).toBe(hash)
      })
    )
  })

  it("toSubscriberHash passes a hash through and hashes an address", () => {
    expect(toSubscriberHash("62EEB292278CC15F5817CB78F7790B08")).toBe("62eeb292278cc15f5817cb78f7790b08")
    expect(toSubscriberHash("urist.mcvankab@freddiesjokes.com")).toBe("62eeb292278cc15f5817cb78f7790b08")
  })
})
