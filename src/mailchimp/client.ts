import { Pool } from "undici"
import { AccountApi } from "./account"
import { BatchesApi } from "./batches"
import { CampaignsApi } from "./campaigns"
import {
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  resolveApiUrl,
  type CallPermits,
  type MailchimpClientConfig,
} from "./config"
import { EcommerceApi } from "./ecommerce"
import { MailchimpError } from "./errors"
import { errorFromInvalidJson, errorFromResponse, errorFromTransport, type ErrorContext } from "./error-builders"
import { InterestsApi } from "./interests"
import { ListsApi } from "./lists"
import { MembersApi } from "./members"
import { MergeFieldsApi } from "./merge-fields"
import { redactor, type Redact } from "./redact"
import { ReportsApi } from "./reports"
import type { HttpMethod, RequestOptions, Requester } from "./request-types"
import { SegmentsApi } from "./segments"
import { queryString } from "./url"
import { WebhooksApi } from "./webhooks"

export type PingResponse = { health_status: string }

/**
 * Mailchimp Marketing API v3 over one undici Pool. It does not retry: callers (the queue) decide from
 * `MailchimpError.retryable` and `retryAfterMs`.
 */
export class MailchimpClient implements Requester {
  /** The API root, e.g. `https://us6.api.mailchimp.com/3.0`. */
  readonly apiUrl: string
  readonly account: AccountApi
  readonly lists: ListsApi
  readonly members: MembersApi
  readonly mergeFields: MergeFieldsApi
  readonly interests: InterestsApi
  readonly webhooks: WebhooksApi
  readonly ecommerce: EcommerceApi
  readonly batches: BatchesApi
  readonly segments: SegmentsApi
  readonly campaigns: CampaignsApi
  readonly reports: ReportsApi

  // Private fields keep the credential out of util.inspect and JSON.stringify of the client.
  readonly #pool: Pool
  readonly #authorization: string
  readonly #basePath: string
  readonly #timeoutMs: number
  readonly #userAgent: string
  readonly #redact: Redact
  readonly #permits: CallPermits | undefined
  #closing: Promise<void> | undefined

  constructor(config: MailchimpClientConfig) {
    const url = resolveApiUrl(config)
    const apiKey = config.apiKey.trim()
    const maxConnections = positiveInteger(config.maxConnections ?? DEFAULT_MAX_CONNECTIONS, "maxConnections")
    this.#timeoutMs = positiveInteger(config.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs")
    this.#userAgent = config.userAgent ?? DEFAULT_USER_AGENT
    this.#permits = config.permits
    const token = Buffer.from(`anystring:${apiKey}`).toString("base64")
    this.#authorization = `Basic ${token}`
    this.#redact = redactor([apiKey, apiKey.replace(/-[a-z]+[0-9]+$/i, ""), token])
    this.#basePath = url.pathname.replace(/\/+$/, "")
    this.apiUrl = `${url.origin}${this.#basePath}`
    this.#pool = new Pool(url.origin, {
      connections: maxConnections,
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
      connect: { timeout: Math.min(this.#timeoutMs, 10_000) },
    })

    this.account = new AccountApi(this)
    this.lists = new ListsApi(this)
    this.members = new MembersApi(this)
    this.mergeFields = new MergeFieldsApi(this)
    this.interests = new InterestsApi(this)
    this.webhooks = new WebhooksApi(this)
    this.ecommerce = new EcommerceApi(this)
    this.batches = new BatchesApi(this)
    this.segments = new SegmentsApi(this)
    this.campaigns = new CampaignsApi(this)
    this.reports = new ReportsApi(this)
  }

  /** JSON in, JSON out; resolves to undefined for 204 and empty bodies. `path` is relative to the API root. */
  async request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
    if (!path.startsWith("/")) throw new TypeError("Mailchimp request path must start with '/'")
    const timeoutMs = opts.timeoutMs ?? this.#timeoutMs
    const ctx: ErrorContext = { method, path, timeoutMs, redact: this.#redact }
    const headers: Record<string, string> = {
      authorization: this.#authorization,
      accept: "application/json",
      "user-agent": this.#userAgent,
    }
    let body: string | undefined
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body)
      headers["content-type"] = "application/json"
    }

    let status: number
    let responseHeaders: Record<string, string | string[] | undefined>
    let text: string
    const release = await this.permit(timeoutMs, ctx)
    try {
      const response = await this.#pool.request({
        method,
        path: this.#basePath + path + queryString(opts.query),
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      })
      status = response.statusCode
      responseHeaders = response.headers
      text = await response.body.text()
    } catch (err) {
      throw errorFromTransport(err, ctx)
    } finally {
      release()
    }

    if (status < 200 || status >= 300) throw errorFromResponse(status, responseHeaders, text, ctx)
    if (status === 204 || text.trim() === "") return undefined as T
    try {
      return JSON.parse(text) as T
    } catch {
      throw errorFromInvalidJson(status, ctx)
    }
  }

  /** The call's turn among every process calling for the account, held until its answer is read. */
  private async permit(timeoutMs: number, ctx: ErrorContext): Promise<() => void> {
    if (!this.#permits) return () => undefined
    try {
      return await this.#permits.acquire(timeoutMs)
    } catch {
      throw new MailchimpError({
        status: 0,
        title: "Network Error",
        detail: "no connection permit: the permits kept in Redis could not be read",
        retryable: true,
        method: ctx.method,
        path: ctx.redact(ctx.path),
      })
    }
  }

  ping(opts?: Pick<RequestOptions, "timeoutMs">): Promise<PingResponse> {
    return this.request<PingResponse>("GET", "/ping", opts)
  }

  toJSON(): { apiUrl: string } {
    return { apiUrl: this.apiUrl }
  }

  /** Waits for requests in flight, then closes every connection. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#pool.close().then(() => undefined)
    return this.#closing
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`Mailchimp ${name} must be a positive integer`)
  return value
}
