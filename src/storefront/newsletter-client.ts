/**
 * The storefront side of the checkout opt-in, with no framework: read what to show, send the
 * shopper's choice. Runs in browsers, Next.js server code and Node 18+ (global fetch).
 */

export const NEWSLETTER_METADATA_KEY = "mailchimp_newsletter"

export type NewsletterSettings = {
  /** The text to show beside the box; the store records it with the consent. */
  checkout_label: string
  signup_label: string
  /** Always false: the box starts unchecked. */
  default_checked: false
  /** Whether new members confirm by email; null when Mailchimp could not be asked just now. */
  double_opt_in: boolean | null
  /** For a logged-in customer: already subscribed (or confirming), so the box can be hidden. Null otherwise. */
  subscribed: boolean | null
  status: "subscribed" | "pending" | "unsubscribed" | "cleaned" | "none" | null
}

export type NewsletterChoice = { opt_in: boolean; at: string; label: string }

export type NewsletterClientConfig = {
  /** The Medusa backend, e.g. "https://api.example.com" ("" for the same origin). */
  baseUrl: string
  publishableKey: string
  fetch?: typeof fetch
  /** Extra headers on every call, e.g. { authorization: "Bearer …" } for a logged-in customer. */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>)
  /** "include" sends the customer's session cookie (Medusa's session auth). */
  credentials?: RequestCredentials
}

export class NewsletterError extends Error {
  constructor(message: string, readonly status: number) {
    super(message)
    this.name = "NewsletterError"
  }
}

export type NewsletterClient = {
  getSettings(): Promise<NewsletterSettings>
  /** Records the choice on the cart, with its evidence (time, label shown), before the order is placed. */
  setCartChoice(cartId: string, optIn: boolean): Promise<NewsletterChoice>
  /** A signup outside checkout (a footer form). */
  signup(input: { email: string; first_name?: string; last_name?: string }): Promise<{ email: string; double_opt_in: boolean | null }>
}

export function createNewsletterClient(config: NewsletterClientConfig): NewsletterClient {
  const doFetch = config.fetch ?? globalThis.fetch.bind(globalThis)
  const base = config.baseUrl.replace(/\/+$/, "")

  async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const extra = typeof config.headers === "function" ? await config.headers() : config.headers ?? {}
    const res = await doFetch(`${base}${path}`, {
      method,
      credentials: config.credentials,
      headers: {
        accept: "application/json",
        "x-publishable-api-key": config.publishableKey,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...extra,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    const json = text ? safeJson(text) : undefined
    if (!res.ok) {
      const message = (json as { message?: string } | undefined)?.message ?? `${method} ${path} answered ${res.status}`
      throw new NewsletterError(message, res.status)
    }
    return json as T
  }

  return {
    async getSettings() {
      return (await call<{ newsletter: NewsletterSettings }>("GET", "/store/newsletter/settings")).newsletter
    },
    async setCartChoice(cartId, optIn) {
      if (typeof optIn !== "boolean") throw new TypeError("optIn must be true or false")
      const path = `/store/carts/${encodeURIComponent(cartId)}/newsletter`
      return (await call<{ newsletter: NewsletterChoice }>("POST", path, { opt_in: optIn })).newsletter
    },
    async signup(input) {
      return (await call<{ newsletter: { email: string; double_opt_in: boolean | null } }>("POST", "/store/newsletter", input)).newsletter
    },
  }
}

/**
 * The choice as cart metadata, for a storefront that would rather send it inside the cart update
 * it already makes (`sdk.store.cart.update(id, { email, …, metadata: newsletterCartMetadata(true) })`).
 * The store writes the evidence itself.
 */
export function newsletterCartMetadata(optIn: boolean): Record<string, { opt_in: boolean }> {
  return { [NEWSLETTER_METADATA_KEY]: { opt_in: optIn } }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
