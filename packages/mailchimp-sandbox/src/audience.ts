import { randomHex } from "./hash"
import { readSummary, newMemberMap } from "./member-summary"
import { apiTime } from "./time"
import type { ListRecord, MergeFieldRecord } from "./types"

/** The merge fields Mailchimp gives every new audience; none is required. */
export function defaultMergeFields(): MergeFieldRecord[] {
  const base = { required: false, default_value: "", public: false, help_text: "" }
  return [
    { ...base, merge_id: 1, tag: "FNAME", name: "First Name", type: "text", display_order: 2, options: { size: 25 } },
    { ...base, merge_id: 2, tag: "LNAME", name: "Last Name", type: "text", display_order: 3, options: { size: 25 } },
    {
      ...base,
      merge_id: 3,
      tag: "ADDRESS",
      name: "Address",
      type: "address",
      display_order: 4,
      options: { default_country: 164 },
    },
    {
      ...base,
      merge_id: 4,
      tag: "PHONE",
      name: "Phone Number",
      type: "phone",
      display_order: 5,
      options: { phone_format: "none" },
    },
    {
      ...base,
      merge_id: 5,
      tag: "BIRTHDAY",
      name: "Birthday",
      type: "birthday",
      display_order: 6,
      options: { date_format: "MM/DD" },
    },
  ]
}

let webIdCounter = 100000

export function nextWebId(): number {
  webIdCounter += 1
  return webIdCounter
}

export function createAudience(input: { id?: string; name?: string; double_optin?: boolean }): ListRecord {
  return {
    id: input.id ?? randomHex(10),
    web_id: nextWebId(),
    name: input.name ?? "Sandbox Audience",
    contact: {
      company: "Sandbox Store",
      address1: "1 Sandbox Way",
      address2: "",
      city: "Atlanta",
      state: "GA",
      zip: "30308",
      country: "US",
      phone: "",
    },
    permission_reminder: "You signed up for updates from the sandbox store.",
    campaign_defaults: {
      from_name: "Sandbox Store",
      from_email: "store@example.com",
      subject: "",
      language: "en",
    },
    email_type_option: false,
    visibility: "pub",
    double_optin: input.double_optin ?? false,
    date_created: apiTime(),
    merge_fields: defaultMergeFields(),
    next_merge_id: 6,
    members: newMemberMap(),
    webhooks: [],
    forgotten: new Set(),
    tag_ids: new Map(),
    segments: new Map(),
    next_tag_id: 1001,
    interest_categories: [],
    marketing_permissions: [],
  }
}

export function listStats(list: ListRecord): Record<string, unknown> {
  let subscribed = 0
  let unsubscribed = 0
  let cleaned = 0
  let total = 0
  for (const [, summary] of list.members.summaries()) {
    const { status } = readSummary(summary)
    if (status === "archived") continue
    total += 1
    if (status === "subscribed") subscribed += 1
    else if (status === "unsubscribed") unsubscribed += 1
    else if (status === "cleaned") cleaned += 1
  }
  const stats: Record<string, unknown> = {
    member_count: subscribed,
    total_contacts: total,
    unsubscribe_count: unsubscribed,
    cleaned_count: cleaned,
    member_count_since_send: subscribed,
    unsubscribe_count_since_send: unsubscribed,
    cleaned_count_since_send: cleaned,
    campaign_count: 0,
    merge_field_count: list.merge_fields.length,
    avg_sub_rate: 0,
    avg_unsub_rate: 0,
    target_sub_rate: 0,
    open_rate: 0,
    click_rate: 0,
  }
  if (list.last_sub_date) stats.last_sub_date = list.last_sub_date
  if (list.last_unsub_date) stats.last_unsub_date = list.last_unsub_date
  return stats
}

/** The audience as GET /lists/{list_id} shows it. */
export function listView(list: ListRecord): Record<string, unknown> {
  return {
    id: list.id,
    web_id: list.web_id,
    name: list.name,
    contact: { ...list.contact },
    permission_reminder: list.permission_reminder,
    use_archive_bar: true,
    campaign_defaults: { ...list.campaign_defaults },
    notify_on_subscribe: "",
    notify_on_unsubscribe: "",
    date_created: list.date_created,
    list_rating: 0,
    email_type_option: list.email_type_option,
    subscribe_url_short: `http://eepurl.com/sandbox${list.web_id}`,
    subscribe_url_long: `https://sandbox.us1.list-manage.com/subscribe?u=sandbox&id=${list.id}`,
    beamer_address: `us1-sandbox-${list.id}@inbound.mailchimp.com`,
    visibility: list.visibility,
    double_optin: list.double_optin,
    has_welcome: false,
    marketing_permissions: list.marketing_permissions.length > 0,
    modules: [],
    stats: listStats(list),
    _links: [],
  }
}
