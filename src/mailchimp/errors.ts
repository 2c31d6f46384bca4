export type MailchimpFieldError = { field: string; message: string }

export type MailchimpErrorInit = {
  /** HTTP status; 0 when no response arrived (network error, timeout). */
  status: number
  title: string
  detail: string
  type?: string
  instance?: string
  errors?: MailchimpFieldError[]
  retryAfterMs?: number
  retryable: boolean
  /** Transport error code such as ECONNREFUSED or UND_ERR_HEADERS_TIMEOUT. */
  code?: string
  method?: string
  path?: string
}

/**
 * Every failure of a Mailchimp call. Built from scratch from the response or the transport error's code,
 * never wrapping the underlying error, because undici errors can hold the request (and its auth header).
 */
export class MailchimpError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string
  readonly type: string
  readonly instance: string
  readonly errors: MailchimpFieldError[]
  readonly retryAfterMs: number | undefined
  readonly retryable: boolean
  readonly code: string | undefined
  readonly method: string | undefined
  readonly path: string | undefined

  constructor(init: MailchimpErrorInit) {
    super(formatMessage(init))
    this.name = "MailchimpError"
    this.status = init.status
    this.title = init.title
    this.detail = init.detail
    this.type = init.type ?? ""
    this.instance = init.instance ?? ""
    this.errors = init.errors ?? []
    this.retryAfterMs = init.retryAfterMs
    this.retryable = init.retryable
    this.code = init.code
    this.method = init.method
    this.path = init.path
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      title: this.title,
      detail: this.detail,
      type: this.type,
      instance: this.instance,
      errors: this.errors,
      retryAfterMs: this.retryAfterMs,
      retryable: this.retryable,
      code: this.code,
      method: this.method,
      path: this.path,
    }
  }
}

export function isMailchimpError(err: unknown): err is MailchimpError {
  return err instanceof MailchimpError
}

function formatMessage(init: MailchimpErrorInit): string {
  const fields = (init.errors ?? []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message))
  const suffix = fields.length ? ` (${fields.join("; ")})` : ""
  return `Mailchimp ${init.status} ${init.title}: ${init.detail}${suffix}`
}
