import { Text } from "@medusajs/ui"

/** A progress bar in the admin's colours, readable by assistive technology (role="progressbar"). */
export function ProgressBar({ value, label, text }: { value: number; label: string; text: string }) {
  const percent = Math.max(0, Math.min(100, value))
  return (
    <div className="flex flex-col gap-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="bg-ui-bg-switch-off h-2 w-full overflow-hidden rounded-full"
      >
        <div className="bg-ui-fg-interactive h-full rounded-full transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle" data-testid="progress-text">
        {text}
      </Text>
    </div>
  )
}
