import { ConnectedSitesApi, MailchimpError, type SiteScript } from "../../../mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../../types/mailchimp-commerce-module"
import type { ProcessorContext } from "../context"
import { isNotFound } from "../describe-error"
import { journeysContext } from "./context"

/** The storefront's host name, the domain Mailchimp's connected site is for. */
function domainOf(url: string | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return null
  }
}

/**
 * journey.site.connect: finds the script Mailchimp made for the e-commerce store (`connected_site.site_script` of
 * the store record); where the store has none, the connected site Mailchimp holds for the storefront's domain, or
 * a new one for it. Keeps the script's URL (catalogue row J4). A refusal is kept for the admin, not retried.
 */
export async function connectSiteScript(_payload: unknown, base: ProcessorContext) {
  const ctx = journeysContext(base)
  const commerce = ctx.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const { storeId, storefrontUrl } = commerce.getOptions()
  const sites = new ConnectedSitesApi(ctx.client)
  const keep = (site: { foreign_id: string; script: SiteScript }) =>
    ctx.journeys.saveJourneyConfig({ site_script_url: site.script.url, site_foreign_id: site.foreign_id, site_script_error: null })
  try {
    const store = await ctx.client
      .request<{ connected_site?: { site_foreign_id?: string; site_script?: SiteScript } }>("GET", `/ecommerce/stores/${encodeURIComponent(storeId)}`)
      .catch((e) => (isNotFound(e) ? null : Promise.reject(e)))
    const own = store?.connected_site
    if (own?.site_script?.url) {
      await keep({ foreign_id: own.site_foreign_id ?? storeId, script: own.site_script })
      return { source: "store" }
    }
    const domain = domainOf(storefrontUrl)
    if (!domain) {
      await ctx.journeys.saveJourneyConfig({ site_script_error: "no connected site on the store and no storefrontUrl to make one for" })
      return { skipped: "no storefrontUrl" }
    }
    const { sites: held } = await sites.list({ count: 1000 })
    const same = held.find((s) => s.domain.toLowerCase() === domain)
    if (same) {
      await keep({ foreign_id: same.foreign_id, script: same.site_script })
      return { source: "connected-sites" }
    }
    const made = await sites.create({ foreign_id: `medusa-${domain}`.slice(0, 50), domain })
    await keep({ foreign_id: made.foreign_id, script: made.site_script })
    return { source: "created" }
  } catch (e) {
    if (e instanceof MailchimpError && !e.retryable) {
      await ctx.journeys.saveJourneyConfig({ site_script_error: `${e.status} ${e.title}: ${e.detail}`.slice(0, 500) })
      return { failed: e.status }
    }
    throw e
  }
}
