import type { Requester } from "./request-types"
import { apiPath } from "./url"

/** A member event: a name of 2-30 letters, digits, `_` or `-`, string properties (catalogue row J1). */
export type MemberEventBody = {
  name: string
  properties?: Record<string, string>
  /** `true`: the event starts no automation. */
  is_syncing?: boolean
  occurred_at?: string
}

export type MemberEvent = { name: string; occurred_at: string; properties: Record<string, string> }

/**
 * `/lists/{list_id}/members/{subscriber_hash}/events`: 204 on success, 404 for a contact the audience lacks (it
 * never creates one). There is no idempotency key: every POST is a new event.
 */
export class MemberEventsApi {
  constructor(private readonly http: Requester) {}

  add(listId: string, hash: string, body: MemberEventBody): Promise<void> {
    return this.http.request("POST", apiPath`/lists/${listId}/members/${hash}/events`, { body })
  }

  list(listId: string, hash: string, query?: { count?: number; offset?: number }): Promise<{ events: MemberEvent[]; total_items: number }> {
    return this.http.request("GET", apiPath`/lists/${listId}/members/${hash}/events`, { query })
  }
}
