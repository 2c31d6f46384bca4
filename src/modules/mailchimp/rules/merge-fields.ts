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
}

const filled = (v?: string | null): v is string => typeof v === "string" && v.trim() !== ""

/**
 * Merge fields for a member, keeping only tags the audience has and values Mailchimp accepts:
 * its ADDRESS type refuses an address without addr1, city, state and zip.
 */
export function buildMergeFields(
  profile: ConsentProfile | null | undefined,
  audienceTags: Set<string>,
  names: MergeFieldNames = DEFAULT_MERGE_FIELD_NAMES
): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  if (!profile) {
    return fields
  }
  if (filled(profile.first_name)) fields[names.first_name] = profile.first_name.trim()
  if (filled(profile.last_name)) fields[names.last_name] = profile.last_name.trim()
  if (filled(profile.phone)) fields[names.phone] = profile.phone.trim()
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
