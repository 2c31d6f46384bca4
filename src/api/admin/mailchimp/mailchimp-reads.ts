import { MailchimpError, type MailchimpClient } from "../../../mailchimp"
import type { PluginOptions } from "../../../options"
import type { AudienceFigures, Problem } from "../../../types/http"

// A screen waits this long for Mailchimp, not the client's 120 s.
const READ_TIMEOUT_MS = 10_000

export type MailchimpProblem = Problem

/** What a screen may show of a failed call: Mailchimp's words, never the request or the key. */
export function problemOf(e: unknown): MailchimpProblem {
  if (e instanceof MailchimpError) return { status: e.status ?? null, title: e.title, detail: e.detail }
  return { status: null, title: "Error", detail: "Mailchimp could not be reached" }
}

/** The key as a screen may show it: its data-centre suffix only, e.g. `••••••••-us6`. */
export function maskApiKey(apiKey: string): string {
  const dc = /-([a-z]+[0-9]+)$/i.exec(apiKey.trim())
  return `••••••••${dc ? `-${dc[1].toLowerCase()}` : ""}`
}

function dataCentre(options: PluginOptions): string | null {
  return /-([a-z]+[0-9]+)$/i.exec(options.apiKey.trim())?.[1].toLowerCase() ?? null
}

/** apiUrl without any credentials it may hold (a proxy URL with user:password@). */
function safeApiUrl(apiUrl?: string): string | null {
  if (!apiUrl) return null
  const url = new URL(apiUrl)
  url.username = ""
  url.password = ""
  url.search = ""
  return url.toString().replace(/\/$/, "")
}

/** Ping, and the account the key belongs to. */
export async function connectionState(client: MailchimpClient, options: PluginOptions) {
  const base = { api_key: maskApiKey(options.apiKey), data_center: dataCentre(options), api_url: safeApiUrl(options.apiUrl) }
  try {
    const [ping, account] = await Promise.all([
      client.ping({ timeoutMs: READ_TIMEOUT_MS }),
      client.account.get({ fields: ["account_id", "account_name"] }, { timeoutMs: READ_TIMEOUT_MS }),
    ])
    return {
      ...base,
      ok: true,
      health_status: ping.health_status,
      account: { id: account.account_id, name: account.account_name },
      error: null,
    }
  } catch (e) {
    return { ...base, ok: false, health_status: null, account: null, error: problemOf(e) }
  }
}

const AUDIENCE_FIELDS = [
  "id",
  "name",
  "double_optin",
  "date_created",
  "stats.member_count",
  "stats.unsubscribe_count",
  "stats.cleaned_count",
]

function figures(list: { id: string; name: string; double_optin: boolean; stats: any }): AudienceFigures {
  return {
    id: list.id,
    name: list.name,
    double_optin: !!list.double_optin,
    member_count: list.stats?.member_count ?? 0,
    unsubscribe_count: list.stats?.unsubscribe_count ?? 0,
    cleaned_count: list.stats?.cleaned_count ?? 0,
  }
}

/** One audience with its figures (members, unsubscribed, cleaned) and its double opt-in setting. */
export async function audienceFigures(client: MailchimpClient, audienceId: string): Promise<AudienceFigures> {
  const list = await client.request<any>("GET", `/lists/${encodeURIComponent(audienceId)}`, {
    query: { fields: AUDIENCE_FIELDS },
    timeoutMs: READ_TIMEOUT_MS,
  })
  return figures(list)
}

/** The account's audiences, with their figures. */
export async function listAudiences(client: MailchimpClient, page: { offset: number; limit: number }) {
  const result = await client.request<{ lists: any[]; total_items: number }>("GET", "/lists", {
    query: {
      count: page.limit,
      offset: page.offset,
      fields: [...AUDIENCE_FIELDS.map((f) => `lists.${f}`), "total_items"],
    },
    timeoutMs: READ_TIMEOUT_MS,
  })
  return { audiences: result.lists.map(figures), count: result.total_items }
}

/** The audience's merge tags. */
export async function audienceMergeTags(client: MailchimpClient, audienceId: string): Promise<string[]> {
  const result = await client.request<{ merge_fields: { tag: string }[] }>("GET", `/lists/${encodeURIComponent(audienceId)}/merge-fields`, {
    query: { count: 1000, fields: ["merge_fields.tag"] },
    timeoutMs: READ_TIMEOUT_MS,
  })
  return result.merge_fields.map((f) => f.tag)
}
