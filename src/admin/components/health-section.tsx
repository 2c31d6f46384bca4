import { Alert, Button, Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { errorMessage } from "../lib/api"
import { dateTime } from "../lib/format"
import { HealthLine, useMailchimpHealth } from "../lib/health-api"

const BADGE: Record<HealthLine["status"], ["green" | "orange" | "red", string]> = {
  ok: ["green", "OK"],
  warning: ["orange", "Warning"],
  error: ["red", "Error"],
}

function HealthRow({ line }: { line: HealthLine }) {
  const [color, label] = BADGE[line.status]
  return (
    <div className="grid grid-cols-[8rem_1fr] items-start gap-x-4 px-6 py-4" data-testid={`mailchimp-health-${line.check}`} data-status={line.status}>
      <div className="flex flex-col items-start gap-y-1">
        <Text size="small" leading="compact" weight="plus">
          {line.title}
        </Text>
        <StatusBadge color={color}>{label}</StatusBadge>
      </div>
      <div className="flex flex-col gap-y-1">
        <Text size="small" leading="compact" className="text-ui-fg-subtle break-words">
          {line.detail}
        </Text>
        {line.fix && (
          <Text size="small" leading="compact" className="break-words">
            <span className="font-medium">How to fix: </span>
            {line.fix}
          </Text>
        )}
      </div>
    </div>
  )
}

/** Settings → Mailchimp: the account health check, line by line (read-only; nothing is changed by it). */
export function HealthSection() {
  const { data, isLoading, isFetching, isError, error, refetch } = useMailchimpHealth()
  const [color, label] = data ? BADGE[data.status] : (["grey", "…"] as const)
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-health">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Account health</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What the store depends on in Mailchimp, read without changing anything{data ? `; checked ${dateTime(data.checked_at)}` : ""}.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <StatusBadge color={color as "green" | "orange" | "red" | "grey"}>{label}</StatusBadge>
          <Button size="small" variant="secondary" isLoading={isFetching} onClick={() => refetch()}>
            Check again
          </Button>
        </div>
      </div>
      {isLoading && (
        <div className="px-6 py-4">
          <Text size="small">Asking Mailchimp…</Text>
        </div>
      )}
      {isError && (
        <div className="px-6 py-4">
          <Alert variant="error">The health check could not run: {errorMessage(error)}</Alert>
        </div>
      )}
      {data?.lines.map((line) => <HealthRow key={line.check} line={line} />)}
    </Container>
  )
}
