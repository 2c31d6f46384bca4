/**
 * The storefront side of the checkout opt-in, with no framework: read what to show, send the
 * shopper's choice. Runs in browsers, Next.js server code and Node 18+ (global fetch).
 */

import type { NewsletterChoice, NewsletterSettings, StoreCartRecoveryResponse, StoreCartSourceResponse } from "../types/http"

// The answers of the store routes (src/types/http), as received.
export type { NewsletterChoice, NewsletterSettings }

export const NEWSLETTER_METADATA_KEY = "mailchimp_newsletter"

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

/** What the shopper ticked beside the box: interest ids and marketing permission ids, as the settings list them. */
export type NewsletterExtras = { interests?: string[]; marketing_permissions?: string[] }

export type NewsletterClient = {
  getSettings(): Promise<NewsletterSettings>
  /**
   * Records the choice on the cart, with its evidence (time, label shown), before the order is placed; with an
   * opt-in, the interests and permissions the shopper ticked (none by default; an id not offered answers 400).
   */
  setCartChoice(cartId: string, optIn: boolean, extras?: NewsletterExtras): Promise<NewsletterChoice>
  /** A signup outside checkout (a footer form). */
  signup(
    input: { email: string; first_name?: string; last_name?: string } & NewsletterExtras
  ): Promise<{ email: string; double_opt_in: boolean | null }>
  /** The cart a recovery link's token opens (docs/carts.md); a NewsletterError with status 400/404/409/410 otherwise. */
  recoverCart(token: string): Promise<string>
  /** Records where the shopper came from (campaign, landing page) on the cart, for its Mailchimp copy. */
  setCartSource(cartId: string, source: { mc_cid?: string; landing_site?: string }): Promise<StoreCartSourceResponse["source"]>
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
    async setCartChoice(cartId, optIn, extras = {}) {
      if (typeof optIn !== "boolean") throw new TypeError("optIn must be true or false")
      const path = `/store/carts/${encodeURIComponent(cartId)}/newsletter`
      const chosen = optIn ? withoutEmpty(extras) : {}
      return (await call<{ newsletter: NewsletterChoice }>("POST", path, { opt_in: optIn, ...chosen })).newsletter
    },
    async signup(input) {
      return (await call<{ newsletter: { email: string; double_opt_in: boolean | null } }>("POST", "/store/newsletter", input)).newsletter
    },
    async recoverCart(token) {
      return (await call<StoreCartRecoveryResponse>("POST", "/store/mailchimp/cart-recovery", { token })).cart_id
    },
    async setCartSource(cartId, source) {
      const path = `/store/carts/${encodeURIComponent(cartId)}/mailchimp-source`
      return (await call<StoreCartSourceResponse>("POST", path, source)).source
    },
  }
}

/**
 * The choice as cart metadata, for a storefront that would rather send it inside the cart update
 * it already makes (`sdk.store.cart.update(id, { email, …, metadata: newsletterCartMetadata(true) })`).
 * The store writes the evidence itself.
 */
export function newsletterCartMetadata(optIn: boolean, extras: NewsletterExtras = {}): Record<string, { opt_in: boolean } & NewsletterExtras> {
  return { [NEWSLETTER_METADATA_KEY]: { opt_in: optIn, ...(optIn ? withoutEmpty(extras) : {}) } }
}

function withoutEmpty(extras: NewsletterExtras): NewsletterExtras {
  return {
    ...(extras.interests?.length ? { interests: extras.interests } : {}),
    ...(extras.marketing_permissions?.length ? { marketing_permissions: extras.marketing_permissions } : {}),
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
