import { MAILCHIMP_LANGUAGES, mailchimpLanguage } from "../../../src/mailchimp"

/** Each BCP 47 tag with the Mailchimp code it must give (docs/languages.md). */
const expectCodes = (cases: [string, string][]) => {
  for (const [tag, code] of cases) expect([tag, mailchimpLanguage(tag)]).toEqual([tag, code])
}

describe("mailchimpLanguage: BCP 47 tags to Mailchimp's language codes", () => {
  it("takes the language with its region first, where Mailchimp has a regional code (any case, either separator)", () => {
    expectCodes([["fr-CA", "fr_CA"], ["pt-PT", "pt_PT"], ["es-ES", "es_ES"], ["FR-ca", "fr_CA"], ["pt_pt", "pt_PT"]])
  })

  it("falls back to the language alone; a script subtag is not a region", () => {
    expectCodes([
      ["pt-BR", "pt"], ["es-MX", "es"], ["es-419", "es"], ["fr-FR", "fr"], ["fr-BE", "fr"], ["de-AT", "de"],
      ["en-US", "en"], ["en", "en"], ["zh-Hant-TW", "zh"], ["sr-Latn-RS", "sr"],
    ])
  })

  it("knows the tags Mailchimp spells otherwise", () => {
    expectCodes([["nb-NO", "no"], ["nn", "no"], ["iw", "he"], ["he-IL", "he"], ["in-ID", "id"]])
  })

  it("answers null for what Mailchimp has no code for, and for no tag at all", () => {
    for (const tag of ["fil-PH", "eu", "gl-ES", "x-klingon", "", "  ", "123", "e", null, undefined]) {
      expect(mailchimpLanguage(tag)).toBeNull()
    }
  })

  it("only ever answers one of Mailchimp's 51 codes", () => {
    for (const tag of ["fr-CA", "pt-BR", "zh-CN", "nb", "iw", "en-GB", "es-ES", "ga-IE", "mt", "km-KH", "sw-KE"]) {
      expect(MAILCHIMP_LANGUAGES.has(mailchimpLanguage(tag)!)).toBe(true)
    }
    expect(MAILCHIMP_LANGUAGES.size).toBe(51)
  })
})
