/**
 * Where the shopper came from: Mailchimp's `mc_cid` and the landing page, read from the first page they land on and
 * kept for the session, so that the cart (and its order) can be credited to the campaign. Framework-free.
 * (`mc_eid`, the member's id in a campaign link, is not kept: neither Mailchimp's carts nor its orders take it.)
 */
import type { NewsletterClient } from "./newsletter-client"

export type CampaignSource = { mc_cid?: string; landing_site?: string }

const KEY = "medusa-mailchimp:source"
/** The cart and source last sent, so that calling `sendCampaignSource` on every page costs one request per cart. */
const SENT_KEY = "medusa-mailchimp:source-sent"
// What POST /store/carts/:id/mailchimp-source accepts (its validators.ts): anything else would be a 400.
const CAMPAIGN_ID = /^[A-Za-z0-9]{1,50}$/
const MAX_LANDING_SITE = 2_000

type SessionStore = Pick<Storage, "getItem" | "setItem">

/**
 * Call on every page (or once in the layout): the first page of the session records its URL as the landing site and
 * its `mc_cid`, if any; a later page with an `mc_cid` (another campaign's link) replaces the campaign. Answers the
 * source as kept.
 */
export function captureCampaignSource(url: string, storage?: SessionStore): CampaignSource {
  const store = storage ?? (typeof sessionStorage !== "undefined" ? sessionStorage : undefined)
  const kept = readKept(store)
  const here = new URL(url)
  const cid = here.searchParams.get("mc_cid")
  const next: CampaignSource = { ...kept }
  if (!next.landing_site) next.landing_site = here.href
  if (cid && CAMPAIGN_ID.test(cid)) next.mc_cid = cid
  store?.setItem(KEY, JSON.stringify(next))
  return next
}

/** The source kept for this session (empty when none). */
export function campaignSource(storage?: SessionStore): CampaignSource {
  return readKept(storage ?? (typeof sessionStorage !== "undefined" ? sessionStorage : undefined))
}

/**
 * Records the session's source on the cart (`POST /store/carts/:id/mailchimp-source`) once the cart exists: call it
 * after the cart is created, or on every page that has one. Nothing is sent when the session kept nothing the route
 * accepts, or when this cart already has this source. Answers what was sent, or null. A refusal (a NewsletterError,
 * e.g. 404 for a cart the store no longer has) is thrown and the source stays unsent.
 */
export async function sendCampaignSource(
  client: Pick<NewsletterClient, "setCartSource">,
  cartId: string,
  storage?: SessionStore
): Promise<CampaignSource | null> {
  const store = storage ?? (typeof sessionStorage !== "undefined" ? sessionStorage : undefined)
  const source = sendable(readKept(store))
  if (!source) return null
  const sent = JSON.stringify([cartId, source])
  if (store?.getItem(SENT_KEY) === sent) return null
  await client.setCartSource(cartId, source)
  store?.setItem(SENT_KEY, sent)
  return source
}

/** The part of a kept source the route takes; null when nothing is left. */
function sendable(kept: CampaignSource): CampaignSource | null {
  const out: CampaignSource = {}
  if (typeof kept.mc_cid === "string" && CAMPAIGN_ID.test(kept.mc_cid)) out.mc_cid = kept.mc_cid
  const landing = kept.landing_site
  if (typeof landing === "string" && landing.length <= MAX_LANDING_SITE && /^https?:\/\//.test(landing)) out.landing_site = landing
  return out.mc_cid || out.landing_site ? out : null
}

function readKept(store: SessionStore | undefined): CampaignSource {
  try {
    const raw = store?.getItem(KEY)
    return raw ? (JSON.parse(raw) as CampaignSource) : {}
  } catch {
    return {}
  }
}

/** The token in a recovery link's URL (`?token=…`), or null. */
export function recoveryTokenFrom(url: string): string | null {
  return new URL(url).searchParams.get("token")
}
