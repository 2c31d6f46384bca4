import type { Requester } from "./request-types"
import { apiPath } from "./url"

export type WebhookEvents = {
  subscribe?: boolean
  unsubscribe?: boolean
  profile?: boolean
  cleaned?: boolean
  upemail?: boolean
  campaign?: boolean
}

export type WebhookSources = {
  user?: boolean
  admin?: boolean
  api?: boolean
}

export type Webhook = {
  id: string
  url: string
  events: WebhookEvents
  sources: WebhookSources
  list_id: string
  /** Not in spec 3.0.76: today's API returns it, once, when a signed webhook is created. */
  signing_secret?: string
  /** Not in spec 3.0.76: false for webhooks made before Mailchimp signed deliveries. */
  signing_enabled?: boolean
}

export type WebhooksPage = { webhooks: Webhook[]; list_id: string; total_items: number }

export type WebhookBody = {
  url?: string
  events?: WebhookEvents
  sources?: WebhookSources
}

/** Mailchimp checks a new URL with a GET that must answer 200 before create succeeds. */
export class WebhooksApi {
  constructor(private readonly http: Requester) {}

  list(listId: string): Promise<WebhooksPage> {
    return this.http.request("GET", apiPath`/lists/${listId}/webhooks`)
  }

  get(listId: string, webhookId: string): Promise<Webhook> {
    return this.http.request("GET", apiPath`/lists/${listId}/webhooks/${webhookId}`)
  }

  create(listId: string, body: WebhookBody & { url: string }): Promise<Webhook> {
    return this.http.request("POST", apiPath`/lists/${listId}/webhooks`, { body })
  }

  update(listId: string, webhookId: string, body: WebhookBody): Promise<Webhook> {
    return this.http.request("PATCH", apiPath`/lists/${listId}/webhooks/${webhookId}`, { body })
  }

  delete(listId: string, webhookId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/lists/${listId}/webhooks/${webhookId}`)
  }
}
