import type { SandboxEvent } from "./events"
import { interestNames } from "./interests"
import { mergeValuesView } from "./merge-fields"
import { firedAt } from "./time"
import type { ListRecord, MemberRecord } from "./types"

type Nested = { [key: string]: string | Nested }

function merges(list: ListRecord, m: MemberRecord): Nested {
  const out: Nested = { EMAIL: m.email_address }
  for (const [tag, value] of Object.entries(mergeValuesView(list, m.merge_fields))) {
    if (value && typeof value === "object") {
      const inner: Nested = {}
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) inner[k] = v == null ? "" : String(v)
      out[tag] = inner
    } else out[tag] = value == null ? "" : String(value)
  }
  // An audience with groups: the member's interests by name, comma-separated (never their ids).
  if (list.interest_categories.length) out.INTERESTS = interestNames(list, m)
  return out
}

function memberData(list: ListRecord, m: MemberRecord): Nested {
  return {
    id: m.unique_email_id,
    list_id: list.id,
    // The member's id in Mailchimp's web app, as its guide's samples show.
    web_id: String(m.web_id),
    email: m.email_address,
    email_type: m.email_type,
    merges: merges(list, m),
    ip_opt: m.ip_opt,
    ip_signup: m.ip_signup,
  }
}

/** The `data[...]` of a delivery, as Mailchimp sends it for each event type. */
export function eventData(list: ListRecord, event: SandboxEvent): Nested {
  switch (event.type) {
    case "subscribe":
      return memberData(list, event.member)
    case "profile": {
      const { ip_signup: _omit, ...data } = memberData(list, event.member)
      return data
    }
    case "unsubscribe": {
      const { ip_signup: _omit, ...data } = memberData(list, event.member)
      return {
        action: event.action,
        reason: event.reason,
        ...data,
        ...(event.campaign_id ? { campaign_id: event.campaign_id } : {}),
      }
    }
    case "upemail":
      return { list_id: list.id, new_id: event.new_id, new_email: event.new_email, old_email: event.old_email }
    case "cleaned":
      return {
        list_id: list.id,
        ...(event.campaign_id ? { campaign_id: event.campaign_id } : {}),
        reason: event.reason,
        email: event.email,
      }
    case "campaign":
      return { id: event.id, subject: event.subject, status: event.status, reason: event.reason, list_id: list.id }
  }
}

/** Flattens to `data[merges][FNAME]=…` pairs, in order. */
export function flatten(prefix: string, value: string | Nested, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === "string") {
    out.push([prefix, value])
    return out
  }
  for (const [k, v] of Object.entries(value)) flatten(`${prefix}[${k}]`, v, out)
  return out
}

/** The x-www-form-urlencoded body of a delivery: `type`, `fired_at`, `data[...]`. */
export function deliveryBody(list: ListRecord, event: SandboxEvent, at: Date = new Date()): string {
  const params = new URLSearchParams()
  params.append("type", event.type)
  params.append("fired_at", firedAt(at))
  for (const [k, v] of flatten("data", eventData(list, event))) params.append(k, v)
  return params.toString()
}
