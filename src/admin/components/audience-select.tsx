import { Select } from "@medusajs/ui"

/**
 * The audience a new segment or campaign goes to, among those in use (the plugin's first); shown only when more
 * than one audience is in use.
 */
export function AudienceSelect(props: { id: string; value?: string; audienceIds: string[]; onChange: (id: string) => void; testId: string; className?: string }) {
  return (
    <Select value={props.value} onValueChange={props.onChange}>
      <Select.Trigger id={props.id} aria-label="Audience" className={props.className} data-testid={props.testId}>
        <Select.Value />
      </Select.Trigger>
      <Select.Content>
        {props.audienceIds.map((id, i) => (
          <Select.Item key={id} value={id}>
            {i === 0 ? `${id} (the plugin's)` : id}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}
