import type { MergeField } from "../mailchimp"
import { error, HealthLine, ok, warning } from "./lines"

export type AudienceFacts = { id: string; name: string; double_optin: boolean; member_count: number }

/** The audience the store writes to: found, and its double opt-in setting (for information). */
export function audienceLines(audienceId: string, audience: AudienceFacts | null, audienceNames: string[], doubleOptIn: boolean | "audience"): HealthLine[] {
  if (!audience) {
    const known = audienceNames.length ? ` This account's audiences: ${audienceNames.join(", ")}.` : " This account has no audience."
    return [
      error(
        "audience",
        "Audience",
        `Audience ${audienceId} was not found in this Mailchimp account.${known}`,
        "Set MAILCHIMP_AUDIENCE_ID (or the audienceId option, or Settings → Mailchimp) to the id of one of this account's audiences (Audience → Settings → Audience name and defaults → Audience ID)."
      ),
    ]
  }
  const plugin =
    doubleOptIn === "audience"
      ? `the plugin follows it (doubleOptIn "audience"): new members are ${audience.double_optin ? "pending until they confirm" : "subscribed at once"}`
      : `the plugin writes new members as ${doubleOptIn ? "pending" : "subscribed"} whatever it says (doubleOptIn ${doubleOptIn})`
  return [
    ok("audience", "Audience", `"${audience.name}" (${audience.id}), ${audience.member_count} members.`),
    ok(
      "double_opt_in",
      "Double opt-in",
      `${audience.double_optin ? "On" : "Off"} for this audience. It governs Mailchimp's own signup forms, not the plugin's writes; ${plugin}.`
    ),
  ]
}

export type MergeFieldExpectations = {
  /** Tags the store fills from a customer (first and last name, phone, address). */
  filled: string[]
  /** The purchase fields' tags (orders, spent, first and last order). */
  purchase: string[]
  /** The tag the store writes the phone to. */
  phone: string
}

/** The audience's merge fields against what the store writes: purchase fields missing, required fields it cannot fill, PHONE's format. */
export function mergeFieldLines(fields: MergeField[], expect: MergeFieldExpectations): HealthLine[] {
  const lines: HealthLine[] = []
  const tags = new Set(fields.map((f) => f.tag))
  const missing = expect.purchase.filter((t) => !tags.has(t))
  lines.push(
    missing.length
      ? warning(
          "merge_fields.purchase",
          "Purchase merge fields",
          `The audience lacks ${missing.join(", ")}: buyers' purchase figures have nowhere to go until they exist.`,
          "The plugin creates them at its next purchase sync or backfill; to do it now, start a backfill of merge fields (Mailchimp → Backfill)."
        )
      : ok("merge_fields.purchase", "Purchase merge fields", `${expect.purchase.join(", ")} exist.`)
  )
  const fillable = new Set([...expect.filled, ...expect.purchase])
  const unfillable = fields.filter((f) => f.required && !fillable.has(f.tag) && !f.default_value)
  lines.push(
    unfillable.length
      ? warning(
          "merge_fields.required",
          "Required merge fields",
          `${unfillable.map((f) => `${f.tag} ("${f.name}")`).join(", ")} ${unfillable.length > 1 ? "are" : "is"} required, and the store has nothing to fill ${unfillable.length > 1 ? "them" : "it"} with: opt-ins are sent with skip_merge_validation, and those members have ${unfillable.length > 1 ? "them" : "it"} empty.`,
          "Make the field optional or give it a default value in Mailchimp (Audience → Settings → Audience fields and *|MERGE|* tags), or ask for it in the storefront."
        )
      : ok("merge_fields.required", "Required merge fields", "None that the store cannot fill.")
  )
  const phone = fields.find((f) => f.tag === expect.phone && f.type === "phone")
  const format = phone?.options?.phone_format
  if (phone && /^us$/i.test(format ?? "")) {
    lines.push(
      warning(
        "merge_fields.phone",
        "Phone format",
        `${phone.tag} is a US-format phone field: Mailchimp takes only US numbers written 404-555-1212. The store sends US numbers in that form and leaves other numbers out.`,
        `If you sell outside the US, set ${phone.tag}'s format to International in Mailchimp (Audience → Settings → Audience fields and *|MERGE|* tags).`
      )
    )
  } else {
    lines.push(ok("merge_fields.phone", "Phone format", phone ? `${phone.tag} takes international numbers.` : `The audience has no phone field ${expect.phone}: phones are not sent.`))
  }
  return lines
}
