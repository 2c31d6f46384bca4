import type { SandboxEvent } from "./events"
import { randomHex } from "./hash"
import type { SandboxState } from "./state"
import { apiTime } from "./time"
import type { DeliveryRecord, ListRecord, WebhookRecord, WebhookSource } from "./types"
import { deliveryBody } from "./webhook-format"

/** Events whose webhooks filter on who made the change; cleaned and campaign come from Mailchimp itself. */
const SOURCE_FILTERED = new Set(["subscribe", "unsubscribe", "profile", "upemail"])

export function webhookWants(webhook: WebhookRecord, event: SandboxEvent, source: WebhookSource): boolean {
  if (webhook.disabled) return false
  if (!webhook.events[event.type]) return false
  if (SOURCE_FILTERED.has(event.type) && !webhook.sources[source]) return false
  return true
}

interface Delivery {
  delivery_id: string
  webhook: WebhookRecord
  list: ListRecord
  event: SandboxEvent
  source: WebhookSource
  body: string
  generation: number
  /** Mailchimp's time since the first attempt. */
  after_ms: number
}

/**
 * Delivers events to the audience's webhooks as Mailchimp does: a form-encoded POST from user agent
 * `MailChimp.com`, unsigned (audience webhooks carry no signature; the secret is in the URL), retried after
 * `webhookRetryDelaysMs` (over 75 minutes of Mailchimp's time, scaled by `webhookClockScale`) while the
 * receiver does not answer 2xx; 410 Gone disables the webhook. Every attempt is recorded in `state.deliveries`.
 */
export class WebhookDispatcher {
  constructor(private readonly state: SandboxState) {}

  /** Sends `event` to every webhook that wants it; resolves with the first attempts (retries go on later). */
  dispatch(list: ListRecord, event: SandboxEvent, source: WebhookSource): Promise<DeliveryRecord[]> {
    const body = deliveryBody(list, event)
    const attempts = list.webhooks
      .filter((w) => webhookWants(w, event, source))
      .map((webhook) =>
        this.attempt(
          {
            delivery_id: randomHex(12),
            webhook,
            list,
            event,
            source,
            body,
            generation: this.state.generation,
            after_ms: 0,
          },
          1
        )
      )
    return this.state.track(Promise.all(attempts))
  }

  private async attempt(d: Delivery, attempt: number): Promise<DeliveryRecord> {
    const started = Date.now()
    const headers: Record<string, string> = {
      "content-type": "application/x-www-form-urlencoded",
      // As seen in receivers' access logs (veda-consulting-company/uk.co.vedaconsulting.mailchimp#166).
      "user-agent": "MailChimp.com",
    }
    let status: number | null = null
    let error: string | undefined
    try {
      const res = await fetch(d.webhook.url, {
        method: "POST",
        headers,
        body: d.body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.state.webhookTimeoutMs),
      })
      status = res.status
      await res.arrayBuffer().catch(() => undefined)
    } catch (e) {
      error = describeFetchError(e)
    }
    const ok = status !== null && status >= 200 && status < 300
    const record: DeliveryRecord = {
      delivery_id: d.delivery_id,
      webhook_id: d.webhook.id,
      list_id: d.list.id,
      url: d.webhook.url,
      type: d.event.type,
      source: d.source,
      attempt,
      status,
      ok,
      ...(error ? { error } : {}),
      after_ms: d.after_ms,
      body: d.body,
      timestamp: apiTime(new Date(started)),
      duration_ms: Date.now() - started,
    }
    if (d.generation !== this.state.generation) return record
    this.state.recordDelivery(record)
    if (ok) return record
    if (status === 410) {
      d.webhook.disabled = true
      return record
    }
    const delay = this.state.webhookRetryDelaysMs[attempt - 1]
    if (delay !== undefined) {
      this.state.schedule(() => {
        if (d.generation !== this.state.generation || d.webhook.disabled) return
        if (!d.list.webhooks.includes(d.webhook)) return
        void this.state.track(this.attempt({ ...d, after_ms: d.after_ms + delay }, attempt + 1))
      }, delay * this.state.webhookClockScale)
    }
    return record
  }

  /** Mailchimp checks a new webhook URL with a GET, which must answer 200. */
  async verifyUrl(url: string): Promise<{ ok: boolean; status: number | null; error?: string }> {
    try {
      const res = await fetch(url, {
        method: "GET",
        headers: { "user-agent": "MailChimp.com WebHook Validator" },
        redirect: "manual",
        signal: AbortSignal.timeout(this.state.webhookTimeoutMs),
      })
      await res.arrayBuffer().catch(() => undefined)
      return { ok: res.status === 200, status: res.status }
    } catch (e) {
      return { ok: false, status: null, error: describeFetchError(e) }
    }
  }
}

function describeFetchError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause
    if (e.name === "TimeoutError") return "timeout"
    if (cause instanceof Error) return `${e.message}: ${cause.message}`
    return e.message
  }
  return String(e)
}
