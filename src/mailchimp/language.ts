/**
 * Mailchimp's member `language` codes (the API description points to "View and Edit Contact Languages",
 * https://mailchimp.com/help/view-and-edit-contact-languages/): two-letter codes, plus three regional ones
 * (`fr_CA`, `pt_PT`, `es_ES`) beside their base language (`fr`, `pt`, `es`). Catalogue row 53.
 */
export const MAILCHIMP_LANGUAGES: ReadonlySet<string> = new Set([
  "en", "ar", "af", "be", "bg", "ca", "zh", "hr", "cs", "da", "nl", "et", "fa", "fi", "fr", "fr_CA", "de", "el", "he",
  "hi", "hu", "is", "id", "ga", "it", "ja", "km", "ko", "lv", "lt", "mt", "ms", "mk", "no", "pl", "pt", "pt_PT", "ro",
  "ru", "sr", "sk", "sl", "es", "es_ES", "sw", "sv", "ta", "th", "tr", "uk", "vi",
])

/**
 * BCP 47 primary subtags Mailchimp knows under another code: Norwegian Bokmål and Nynorsk are its `no`; `iw` and
 * `in` are the old tags of Hebrew and Indonesian (Java and Android still produce them).
 */
const ALIASES: Readonly<Record<string, string>> = { nb: "no", nn: "no", iw: "he", in: "id" }

/**
 * Mailchimp's language for a BCP 47 tag (a Medusa cart's or order's `locale`): the language with its region first
 * (`fr-CA` → `fr_CA`, `pt-PT` → `pt_PT`, `es-ES` → `es_ES`), then the language alone (`pt-BR` → `pt`,
 * `es-MX` → `es`, `zh-Hant-TW` → `zh`, `de-AT` → `de`); null when Mailchimp has neither (then none is sent, and
 * whatever Mailchimp holds stays).
 */
export function mailchimpLanguage(tag: string | null | undefined): string | null {
  if (typeof tag !== "string") return null
  const subtags = tag.trim().split(/[-_]/).filter(Boolean)
  if (!subtags.length || !/^[A-Za-z]{2,3}$/.test(subtags[0])) return null
  const primary = subtags[0].toLowerCase()
  const language = ALIASES[primary] ?? primary
  // The region is the first later subtag of two letters (a script, such as Hant, has four; es-419 has no code).
  const region = subtags.slice(1).find((s) => /^[A-Za-z]{2}$/.test(s))
  if (region && MAILCHIMP_LANGUAGES.has(`${language}_${region.toUpperCase()}`)) return `${language}_${region.toUpperCase()}`
  return MAILCHIMP_LANGUAGES.has(language) ? language : null
}
