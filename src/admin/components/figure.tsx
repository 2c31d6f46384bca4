import { Text } from "@medusajs/ui"

/** One figure with its label: queue counts, audience counts. */
export function Figure({ label, value, tone }: { label: string; value: string; tone?: "error" | "warning" }) {
  const color = tone === "error" ? "text-ui-fg-error" : tone === "warning" ? "text-ui-tag-orange-text" : "text-ui-fg-base"
  return (
    <div className="flex flex-col gap-y-1 px-6 py-4" role="group" aria-label={label}>
      <Text size="small" leading="compact" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="xlarge" weight="plus" className={color} data-testid={`figure-${label.toLowerCase().replace(/\s+/g, "-")}`}>
        {value}
      </Text>
    </div>
  )
}
