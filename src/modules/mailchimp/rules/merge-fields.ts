import type { MergeFieldNames } from "../../../options"

export const DEFAULT_MERGE_FIELD_NAMES: MergeFieldNames = {
  first_name: "FNAME",
  last_name: "LNAME",
  phone: "PHONE",
  address: "ADDRESS",
}

export type ConsentProfile = {
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
  address?: {
    address_1?: string | null
    address_2?: string | null
    city?: string | null
    province?: string | null
    postal_code?: string | null
    country_code?: string | null
  } | null
  /** The checkout's BCP 47 locale: the member's `language` (src/mailchimp/language.ts), not a merge field. */
  locale?: string | null
}

const filled = (v?: string | null): v is string => typeof v === "string" && v.trim() !== ""

/**
 * Merge fields for a member, keeping only tags the audience has and values Mailchimp accepts:
 * its ADDRESS type refuses an address without addr1, city, state and zip.
 */
export function buildMergeFields(
  profile: ConsentProfile | null | undefined,
  audienceTags: Set<string>,
  names: MergeFieldNames = DEFAULT_MERGE_FIELD_NAMES,
  usPhoneTags: Set<string> = new Set()
): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  if (!profile) {
    return fields
  }
  if (filled(profile.first_name)) fields[names.first_name] = profile.first_name.trim()
  if (filled(profile.last_name)) fields[names.last_name] = profile.last_name.trim()
  if (filled(profile.phone)) {
    // A US-format field takes NPA-NXX-LINE only: a US number is written so, any other is left out.
    const phone = usPhoneTags.has(names.phone) ? toUsPhone(profile.phone) : profile.phone.trim()
    if (phone) fields[names.phone] = phone
  }
  const a = profile.address
  if (a && filled(a.address_1) && filled(a.city) && filled(a.province) && filled(a.postal_code)) {
    fields[names.address] = {
      addr1: a.address_1.trim(),
      addr2: filled(a.address_2) ? a.address_2.trim() : "",
      city: a.city.trim(),
      state: a.province.trim(),
      zip: a.postal_code.trim(),
      country: filled(a.country_code) ? a.country_code.trim().toUpperCase() : "",
    }
  }
  for (const tag of Object.keys(fields)) {
    if (!audienceTags.has(tag)) delete fields[tag]
  }
  return fields
}

/**
 * A phone number as a US-format PHONE field takes it (NPA-NXX-LINE, 404-555-1212), or null when it is not a
 * North American number: ten digits, with or without the country code 1, in any punctuation.
 */
export function toUsPhone(value: string): string | null {
  const text = value.trim()
  if (/[a-z]/i.test(text)) return null
  const international = text.startsWith("+") || text.startsWith("00")
  let digits = text.replace(/\D/g, "")
  if (text.startsWith("00")) digits = digits.slice(2)
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1)
  else if (international || digits.length !== 10) return null
  // Area code and exchange never start with 0 or 1 in the North American plan.
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return null
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`
}
