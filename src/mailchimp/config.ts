export type MailchimpClientConfig = {
  apiKey: string
  /** Full API root ending in `/3.0`, e.g. `http://127.0.0.1:4010/3.0`. Overrides the key's data centre. */
  apiUrl?: string
  /** Mailchimp allows 10 simultaneous connections per user: this process opens at most this many. */
  maxConnections?: number
  /** Where every call takes its turn among all the processes calling for the account (none: this process alone). */
  permits?: CallPermits
  /** Mailchimp itself gives up on a call after 120 s. */
  timeoutMs?: number
  userAgent?: string
}

/** A call holds a permit while it is in flight (`callMs`: the most it may take); the answer gives it back. */
export interface CallPermits {
  acquire(callMs: number): Promise<() => void>
}

export const DEFAULT_MAX_CONNECTIONS = 10
export const DEFAULT_TIMEOUT_MS = 120_000
export const DEFAULT_USER_AGENT = "medusa-mailchimp"

const DATA_CENTRE = /-([a-z]+[0-9]+)$/i

/** The API root for this config. Errors never include the key. */
export function resolveApiUrl(config: Pick<MailchimpClientConfig, "apiKey" | "apiUrl">): URL {
  if (typeof config.apiKey !== "string" || config.apiKey.trim() === "") {
    throw new Error("Mailchimp API key is missing")
  }
  if (config.apiUrl) {
    let url: URL
    try {
      url = new URL(config.apiUrl)
    } catch {
      throw new Error("Mailchimp apiUrl is not a valid URL")
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new Error("Mailchimp apiUrl must use http or https")
    }
    return url
  }
  const match = DATA_CENTRE.exec(config.apiKey.trim())
  if (!match) {
    throw new Error(
      'Mailchimp API key has no data-centre suffix (it should end like "-us6"); check the key or set apiUrl'
    )
  }
  return new URL(`https://${match[1].toLowerCase()}.api.mailchimp.com/3.0`)
}
