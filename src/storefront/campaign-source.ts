/**
 * Where the shopper came from: Mailchimp's `mc_cid` and the landing page, read from the first page they land on and
 * kept for the session, so that the cart (and its order) can be credited to the campaign. Framework-free.
 */
export type CampaignSource = { mc_cid?: string; landing_site?: string }

const KEY = "medusa-mailchimp:source"
const CAMPAIGN_ID = /^[A-Za-z0-9]{1,50}$/

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
