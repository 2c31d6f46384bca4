import { Text } from "@medusajs/ui"

/**
 * An email's HTML shown as the inbox would, in a sandboxed iframe: no scripts, no forms, no access
 * to the admin (an empty `sandbox` attribute allows nothing).
 */
export function HtmlPreview({ html, title, height = 420 }: { html: string; title: string; height?: number }) {
  if (!html.trim()) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        No HTML content to preview.
      </Text>
    )
  }
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      referrerPolicy="no-referrer"
      className="border-ui-border-base w-full rounded-md border bg-white"
      style={{ height }}
      data-testid="mailchimp-campaign-preview"
    />
  )
}
