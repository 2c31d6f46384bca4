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
}

export type WebhooksPage = { webhooks: Webhook[]; list_id: string; total_items: number }

export type WebhookBody = {
  url?: string
  events?: WebhookEvents
  sources?: WebhookSources
}

/**
 * Mailchimp checks a new URL with a GET that must answer 200 before create succeeds. Audience webhooks are not
 * signed: the secret in the URL is the documented protection. URLs differing only in their query are one webhook.
 */
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
