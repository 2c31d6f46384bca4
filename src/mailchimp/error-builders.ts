import { STATUS_CODES } from "node:http"
import { MailchimpError, type MailchimpFieldError } from "./errors"
import type { Redact } from "./redact"

export type ErrorContext = {
  method: string
  path: string
  timeoutMs: number
  redact: Redact
}

type ProblemDocument = {
  type?: string
  title?: string
  detail?: string
  instance?: string
  errors?: MailchimpFieldError[]
}

export function errorFromResponse(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
  ctx: ErrorContext
): MailchimpError {
  const problem = parseProblem(bodyText)
  // Mailchimp's words often name the member ("x@y.com is in a compliance state …"): errors reach logs, job
  // failures and the merchant's screens, which must hold no address.
  const redact = (text: string) => withoutAddresses(ctx.redact(text))
  return new MailchimpError({
    status,
    title: redact(problem?.title || STATUS_CODES[status] || "HTTP Error"),
    detail: redact(problem?.detail ?? (bodyText.trim() ? "response body is not JSON" : "empty response body")),
    type: redact(problem?.type ?? ""),
    instance: redact(problem?.instance ?? ""),
    errors: (problem?.errors ?? []).map((e) => ({ field: redact(e.field), message: redact(e.message) })),
    retryAfterMs: parseRetryAfter(headers["retry-after"]),
    // Under load Mailchimp answers 403 (or 429) without a JSON body; a 403 with a problem document is a real refusal.
    retryable: status === 429 || status >= 500 || (status === 403 && !problem),
    method: ctx.method,
    path: redact(ctx.path),
  })
}

export function errorFromInvalidJson(status: number, ctx: ErrorContext): MailchimpError {
  return new MailchimpError({
    status,
    title: "Invalid Response",
    detail: "a successful response carried a body that is not JSON",
    retryable: true,
    method: ctx.method,
    path: ctx.redact(ctx.path),
  })
}

const TIMEOUT_CODES: Record<string, string> = {
  UND_ERR_HEADERS_TIMEOUT: "no response headers within the timeout",
  UND_ERR_BODY_TIMEOUT: "response body stalled beyond the timeout",
  UND_ERR_CONNECT_TIMEOUT: "could not connect within the timeout",
  ETIMEDOUT: "connection timed out",
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection closed while sending",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_SOCKET: "socket closed unexpectedly",
  UND_ERR_CLOSED: "client is closed",
  UND_ERR_DESTROYED: "client is destroyed",
  UND_ERR_ABORTED: "request aborted",
}

/** Refused by undici before sending: a bug in the call, which a retry would repeat. */
const INVALID_REQUEST_CODES = new Set(["UND_ERR_INVALID_ARG", "UND_ERR_NOT_SUPPORTED"])

/** Only the error's code is read: its message, cause and properties may carry the request. */
export function errorFromTransport(err: unknown, ctx: ErrorContext): MailchimpError {
  const code = transportCode(err)
  if (code && INVALID_REQUEST_CODES.has(code)) {
    return new MailchimpError({
      status: 0,
      title: "Invalid Request",
      detail: "the HTTP client refused the request before sending it",
      retryable: false,
      code,
      method: ctx.method,
      path: ctx.redact(ctx.path),
    })
  }
  const isTimeout = code !== undefined && code in TIMEOUT_CODES
  const description = (code && (TIMEOUT_CODES[code] ?? NETWORK_CODES[code])) || "request failed"
  return new MailchimpError({
    status: 0,
    title: isTimeout ? "Timeout" : "Network Error",
    detail: isTimeout ? `${description} (${ctx.timeoutMs} ms)` : description,
    retryable: true,
    code,
    method: ctx.method,
    path: ctx.redact(ctx.path),
  })
}

/** Seconds or an HTTP date, as RFC 9110 allows. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!raw) return undefined
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000)
  const at = /[a-z]/i.test(raw) ? Date.parse(raw) : NaN
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

function parseProblem(bodyText: string): ProblemDocument | undefined {
  if (!bodyText.trim()) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(bodyText)
  } catch {
    return undefined
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return undefined
  const doc = parsed as Record<string, unknown>
  return {
    type: asString(doc.type),
    title: asString(doc.title),
    detail: asString(doc.detail),
    instance: asString(doc.instance),
    errors: Array.isArray(doc.errors) ? doc.errors.flatMap(asFieldError) : [],
  }
}

function asFieldError(value: unknown): MailchimpFieldError[] {
  if (!value || typeof value !== "object") return []
  const e = value as Record<string, unknown>
  return [{ field: asString(e.field) ?? "", message: asString(e.message) ?? "" }]
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined
}

function transportCode(err: unknown): string | undefined {
  const codeOf = (e: unknown): string | undefined => {
    const code = e && typeof e === "object" ? (e as { code?: unknown }).code : undefined
    return typeof code === "string" && /^[A-Z0-9_]+$/.test(code) ? code : undefined
  }
  // Node's happy-eyeballs connect reports an AggregateError whose own code may be missing.
  const inner = err && typeof err === "object" ? (err as { errors?: unknown }).errors : undefined
  return codeOf(err) ?? (Array.isArray(inner) ? inner.map(codeOf).find(Boolean) : undefined)
}

const ADDRESS = /[^\s"'<>()[\],;:]+@[^\s"'<>()[\],;:]+\.[a-z]{2,}/gi

/** Every e-mail address in Mailchimp's words, replaced. */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS, "[address]")
}
