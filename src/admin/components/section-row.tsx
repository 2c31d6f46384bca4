import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A label and its value on one row, as Medusa's own detail sections show them. */
export function SectionRow({ title, value, testId }: { title: string; value: ReactNode; testId?: string }) {
  return (
    <div className="text-ui-fg-subtle grid grid-cols-2 items-start px-6 py-4" data-testid={testId}>
      <Text size="small" leading="compact" weight="plus">
        {title}
      </Text>
      {typeof value === "string" || typeof value === "number" ? (
        <Text size="small" leading="compact" className="whitespace-pre-line break-words">
          {value}
        </Text>
      ) : (
        <div className="text-ui-fg-subtle txt-compact-small break-words">{value}</div>
      )}
    </div>
  )
}
