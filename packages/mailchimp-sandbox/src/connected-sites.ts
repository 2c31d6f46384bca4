import { createHash } from "crypto"
import { ApiError, errors } from "./problems"
import type { SandboxState } from "./state"
import { apiTime } from "./time"

/**
 * Connected sites (`/connected-sites`): a site Mailchimp's script (`mc.js`: pop-up forms, site tracking, product
 * retargeting) is installed on. An e-commerce store made with a `domain` gets one of its own, named in the store's
 * `connected_site` (`site_foreign_id`, `site_script.url`, `site_script.fragment`); only one store per domain is
 * connected (a second store with that domain is made "not connected": no `connected_site`). The script URL is
 * served by the stand-in under `/mcjs-connected/js/users/…` (Mailchimp's is on chimpstatic.com), so that a page
 * running offline can load it; the script marks the site as installed when fetched.
 */
export interface ConnectedSiteRecord {
  foreign_id: string
  domain: string
  store_id: string
  platform: string
  created_at: string
  updated_at: string
  /** The script's path, under the stand-in's origin. */
  script_path: string
  /** Set when the script was fetched (what verify-script-installation checks). */
  script_fetched: boolean
}

const hex = (s: string) => createHash("md5").update(s).digest("hex").slice(0, 25)

function normalDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "")
}

export function createConnectedSite(
  state: SandboxState,
  input: { foreign_id: string; domain: string; store_id?: string; platform?: string }
): ConnectedSiteRecord {
  if (state.connectedSites.has(input.foreign_id)) {
    throw new ApiError(400, "Invalid Resource", "A connected site with the provided foreign_id already exists.", [
      { field: "foreign_id", message: "A connected site with the provided foreign_id already exists." },
    ])
  }
  const now = apiTime()
  const site: ConnectedSiteRecord = {
    foreign_id: input.foreign_id,
    domain: normalDomain(input.domain),
    store_id: input.store_id ?? "",
    platform: input.platform ?? "",
    created_at: now,
    updated_at: now,
    script_path: `/mcjs-connected/js/users/${hex(state.apiKey)}/${hex(`${state.generation}:${input.foreign_id}`)}.js`,
    script_fetched: false,
  }
  state.connectedSites.set(site.foreign_id, site)
  return site
}

/** POST /connected-sites: `foreign_id` and `domain` required. */
export function createSiteFromBody(state: SandboxState, body: Record<string, unknown>): ConnectedSiteRecord {
  const missing = ["foreign_id", "domain"].filter((f) => typeof body[f] !== "string" || !String(body[f]).trim())
  if (missing.length) {
    throw errors.invalidResource(missing.map((field) => ({ field, message: "This value should not be blank." })))
  }
  return createConnectedSite(state, { foreign_id: String(body.foreign_id), domain: String(body.domain) })
}

export function requireConnectedSite(state: SandboxState, id: string): ConnectedSiteRecord {
  const site = state.connectedSites.get(id)
  if (!site) throw errors.notFound()
  return site
}

/** The site a new store gets: none when the store has no domain or another site already holds the domain. */
export function connectStoreSite(state: SandboxState, storeId: string, domain: unknown, platform: unknown): string | undefined {
  if (typeof domain !== "string" || !domain.trim()) return undefined
  const wanted = normalDomain(domain)
  if ([...state.connectedSites.values()].some((s) => s.domain === wanted)) return undefined
  let foreignId = storeId
  while (state.connectedSites.has(foreignId)) foreignId = `${foreignId}-site`
  return createConnectedSite(state, { foreign_id: foreignId, domain, store_id: storeId, platform: String(platform ?? "") })
    .foreign_id
}

/** The store record's `connected_site`, when it has one. */
export function storeConnectedSite(state: SandboxState, store: { connected_site_id?: string }): Record<string, unknown> {
  const site = store.connected_site_id ? state.connectedSites.get(store.connected_site_id) : undefined
  if (!site) return {}
  return { connected_site: { site_foreign_id: site.foreign_id, site_script: siteScriptView(site, state.origin) } }
}

export function siteScriptView(site: ConnectedSiteRecord, origin: string): { url: string; fragment: string } {
  const url = `${origin}${site.script_path}`
  return {
    url,
    fragment: `<script id="mcjs">!function(c,h,i,m,p){m=c.createElement(h),p=c.getElementsByTagName(h)[0],m.async=1,m.src=i,p.parentNode.insertBefore(m,p)}(document,"script","${url}");</script>`,
  }
}

export function connectedSiteView(site: ConnectedSiteRecord, origin: string): Record<string, unknown> {
  return {
    foreign_id: site.foreign_id,
    store_id: site.store_id,
    platform: site.platform,
    domain: site.domain,
    site_script: siteScriptView(site, origin),
    created_at: site.created_at,
    updated_at: site.updated_at,
    _links: [],
  }
}

/** The script itself: a stand-in for mc.js that leaves a mark a browser test can see. */
export function siteScriptBody(site: ConnectedSiteRecord): string {
  return `/* Mailchimp stand-in: connected site ${JSON.stringify(site.foreign_id)} */\nwindow.__mailchimpSiteScript = (window.__mailchimpSiteScript || 0) + 1;\n`
}
