/**
 * The demo storefront's cookie banner: Mailchimp's site script (the connected site's mc.js, when the merchant turned
 * it on) is inserted by the plugin's MailchimpSiteScript only after the shopper accepts the cookies.
 */
import { useEffect, useState } from "react"
import { MailchimpSiteScript } from "medusa-mailchimp/storefront/react"

type DemoConfig = { storeUrl: string; publishableKey: string }

export function CookieConsent({ config }: { config: DemoConfig }) {
  const [url, setUrl] = useState<string | null>(null)
  const [accepted, setAccepted] = useState(false)
  useEffect(() => {
    fetch(`${config.storeUrl}/store/newsletter/settings`, { headers: { "x-publishable-api-key": config.publishableKey } })
      .then((res) => (res.ok ? res.json() : null))
      .then((body) => setUrl(body?.newsletter?.site_script?.url ?? null))
      .catch(() => setUrl(null))
  }, [config])
  return (
    <>
      <MailchimpSiteScript url={url} consent={accepted} />
      {!accepted && (
        <aside className="cookie-banner" aria-label="Cookies" data-testid="cookie-banner" data-site-script={url ? "available" : "none"}>
          <p>We use cookies for sign-up forms and to show you products you looked at.</p>
          <button type="button" onClick={() => setAccepted(true)}>
            Accept cookies
          </button>
        </aside>
      )}
    </>
  )
}
