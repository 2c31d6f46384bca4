export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

export type QueryValue = string | number | boolean | string[] | undefined

export type Query = Record<string, QueryValue>

export type RequestOptions = {
  body?: unknown
  query?: Query
  /** Overrides the client's timeoutMs for this call. */
  timeoutMs?: number
}

/** What resource classes need from the client. */
export interface Requester {
  request<T>(method: HttpMethod, path: string, opts?: RequestOptions): Promise<T>
}

/** `fields`/`exclude_fields` take dotted paths such as `members.email_address`. */
export type FieldsQuery = {
  fields?: string[]
  exclude_fields?: string[]
}

/** Mailchimp pages default to 10 items; `count` may go up to 1000. */
export type PageQuery = FieldsQuery & {
  count?: number
  offset?: number
}
