/**
 * Mailchimp's site script (the connected site's mc.js: pop-up forms, site tracking, product retargeting) for a
 * headless storefront. `GET /store/newsletter/settings` gives its URL (`site_script.url`) when the merchant turned
 * it on. The script sets Mailchimp's cookies, so insert it only once the shopper accepted them: pass the storefront's
 * consent as a flag, or a function answering it. It is inserted as `<script id="mcjs" async>` and never twice
 * (a second call, another component, or a script already on the page finds it by its id).
 */
export const SITE_SCRIPT_ID = "mcjs"

export type SiteScriptConsent = boolean | (() => boolean)

export type LoadSiteScriptOptions = {
  /** The shopper accepted the cookies the script needs. Nothing is inserted until this says yes. */
  consent: SiteScriptConsent
  /** The document to insert into (default: the global one). */
  document?: Document
}

/** Inserts the script; answers whether it is on the page now (false: no consent yet, no URL, or no document). */
export function loadSiteScript(url: string | null | undefined, options: LoadSiteScriptOptions): boolean {
  const doc = options.document ?? (typeof document === "undefined" ? undefined : document)
  if (!doc || !url) return false
  if (doc.getElementById(SITE_SCRIPT_ID)) return true
  const consented = typeof options.consent === "function" ? options.consent() : options.consent
  if (consented !== true) return false
  const script = doc.createElement("script")
  script.id = SITE_SCRIPT_ID
  script.async = true
  script.src = url
  ;(doc.head ?? doc.body ?? doc.documentElement).appendChild(script)
  return true
}
