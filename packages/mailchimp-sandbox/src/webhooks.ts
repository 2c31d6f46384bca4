import { randomHex } from "./hash"
import { ApiError, errors } from "./problems"
import { apiTime } from "./time"
import type { ListRecord, WebhookEvents, WebhookRecord, WebhookSources } from "./types"
import type { WebhookDispatcher } from "./webhook-delivery"

const EVENT_KEYS: Array<keyof WebhookEvents> = ["subscribe", "unsubscribe", "profile", "cleaned", "upemail", "campaign"]
const SOURCE_KEYS: Array<keyof WebhookSources> = ["user", "admin", "api"]

function readFlags<K extends string>(value: unknown, keys: K[], field: string, base: Record<K, boolean>): Record<K, boolean> {
  if (value === undefined || value === null) return { ...base }
  if (typeof value !== "object" || Array.isArray(value)) {
    throw errors.invalidResource([{ field, message: `Schema describes object, ${typeof value} found instead` }])
  }
  const out = { ...base }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!keys.includes(k as K)) continue
    if (typeof v !== "boolean") {
      throw errors.invalidResource([{ field: `${field}.${k}`, message: `Schema describes boolean, ${typeof v} found instead` }])
    }
    out[k as K] = v
  }
  return out
}

function readUrl(value: unknown): string {
  if (typeof value !== "string" || !value) {
    throw errors.invalidResource([{ field: "url", message: "Please enter a url." }])
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw errors.invalidResource([{ field: "url", message: "Please enter a valid url." }])
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw errors.invalidResource([{ field: "url", message: "Please enter a valid url." }])
  }
  return value
}

async function verify(dispatcher: WebhookDispatcher, url: string): Promise<void> {
  const check = await dispatcher.verifyUrl(url)
  if (!check.ok) {
    const why = check.status === null ? `no answer (${check.error})` : `HTTP Code: ${check.status}`
    throw errors.invalidResource([
      { field: "url", message: `We couldn't verify the URL is working. Please double check and try again. ${why}` },
    ])
  }
}

/**
 * Mailchimp takes two URLs that differ only in their query for the same webhook, and refuses the second
 * (mailchimp/mailchimp-client-lib-codegen#11): a secret in the query is rotated by updating the webhook's URL.
 */
export function sameWebhookUrl(a: string, b: string): boolean {
  const bare = (u: string) => u.replace(/[?#].*$/, "")
  return bare(a) === bare(b)
}

function assertUrlFree(list: ListRecord, url: string, except?: WebhookRecord): void {
  if (list.webhooks.some((w) => w !== except && sameWebhookUrl(w.url, url))) {
    throw new ApiError(400, "Invalid Resource", "Sorry, you can't use the same webhook URL twice.", [
      { field: "url", message: "Sorry, you can't use the same webhook URL twice." },
    ])
  }
}

/** POST /lists/{list_id}/webhooks: the URL must answer a GET with 200 first. */
export async function createWebhook(
  list: ListRecord,
  body: Record<string, unknown>,
  dispatcher: WebhookDispatcher
): Promise<WebhookRecord> {
  const url = readUrl(body.url)
  const events = readFlags(body.events, EVENT_KEYS, "events", {
    subscribe: true,
    unsubscribe: true,
    profile: true,
    cleaned: true,
    upemail: true,
    campaign: true,
  })
  const sources = readFlags(body.sources, SOURCE_KEYS, "sources", { user: true, admin: true, api: false })
  assertUrlFree(list, url)
  await verify(dispatcher, url)
  assertUrlFree(list, url)
  const webhook: WebhookRecord = {
    id: randomHex(10),
    list_id: list.id,
    url,
    events,
    sources,
    disabled: false,
    created_at: apiTime(),
  }
  list.webhooks.push(webhook)
  return webhook
}

export function requireWebhook(list: ListRecord, id: string): WebhookRecord {
  const webhook = list.webhooks.find((w) => w.id === id)
  if (!webhook) throw errors.notFound()
  return webhook
}

/** PATCH /lists/{list_id}/webhooks/{webhook_id}: a new URL is checked again. */
export async function updateWebhook(
  list: ListRecord,
  webhook: WebhookRecord,
  body: Record<string, unknown>,
  dispatcher: WebhookDispatcher
): Promise<WebhookRecord> {
  const url = body.url === undefined ? webhook.url : readUrl(body.url)
  const events = readFlags(body.events, EVENT_KEYS, "events", webhook.events)
  const sources = readFlags(body.sources, SOURCE_KEYS, "sources", webhook.sources)
  if (url !== webhook.url) {
    assertUrlFree(list, url, webhook)
    await verify(dispatcher, url)
  }
  webhook.url = url
  webhook.events = events
  webhook.sources = sources
  return webhook
}

/** The webhook as the API shows it: id, url, events, sources, list_id (audience webhooks are not signed). */
export function webhookView(webhook: WebhookRecord): Record<string, unknown> {
  return {
    id: webhook.id,
    url: webhook.url,
    events: { ...webhook.events },
    sources: { ...webhook.sources },
    list_id: webhook.list_id,
    _links: [],
  }
}
