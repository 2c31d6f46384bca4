import { Alert, Button, Checkbox, Container, Heading, Input, Label, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { BackfillReport, errorMessage, useBackfill, useStartBackfill } from "../lib/api"
import { count, dateTime, duration } from "../lib/format"
import { FieldError } from "./field-error"
import { Figure } from "./figure"
import { ProgressBar } from "./progress-bar"

const OBJECTS = [
  { value: "customers", label: "Customers" },
  { value: "products", label: "Products" },
  { value: "orders", label: "Orders" },
  { value: "merge_fields", label: "Purchase merge fields" },
] as const

const STATUS_COLOR: Record<BackfillReport["status"], "green" | "blue" | "red" | "grey"> = {
  running: "blue",
  completed: "green",
  failed: "red",
  canceled: "grey",
}

/** Checks the start form; answers its errors, or the body to send. */
function checkStart(objects: string[], since: string): { errors: Record<string, string>; body?: { objects: string[]; since?: string } } {
  const errors: Record<string, string> = {}
  if (!objects.length) errors.objects = "Choose at least one kind of object"
  let sinceIso: string | undefined
  if (since) {
    const d = new Date(`${since}T00:00:00Z`)
    if (isNaN(d.getTime())) errors.since = "Not a date"
    else if (d.getTime() > Date.now()) errors.since = "The date is in the future"
    else sinceIso = d.toISOString()
  }
  return Object.keys(errors).length ? { errors } : { errors, body: { objects, ...(sinceIso ? { since: sinceIso } : {}) } }
}

function StartForm({ running }: { running: boolean }) {
  const [objects, setObjects] = useState<string[]>(OBJECTS.map((o) => o.value))
  const [since, setSince] = useState("")
  const [errors, setErrors] = useState<Record<string, string>>({})
  const start = useStartBackfill()
  const toggle = (value: string, on: boolean) => setObjects((o) => (on ? [...o, value] : o.filter((x) => x !== value)))
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const checked = checkStart(objects, since)
    setErrors(checked.errors)
    if (!checked.body) return
    start.mutate(checked.body, {
      onSuccess: () => toast.success("Backfill started"),
      onError: (err) => setErrors({ form: errorMessage(err) }),
    })
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-y-4 px-6 py-4" data-testid="mailchimp-backfill-form">
      {errors.form && <Alert variant="error">{errors.form}</Alert>}
      <fieldset className="flex flex-col gap-y-2" aria-describedby={errors.objects ? "objects-error" : undefined}>
        <legend className="txt-compact-small-plus mb-2">What to send</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {OBJECTS.map((o) => (
            <div key={o.value} className="flex items-center gap-x-2">
              <Checkbox
                id={`backfill-${o.value}`}
                checked={objects.includes(o.value)}
                onCheckedChange={(v) => toggle(o.value, v === true)}
              />
              <Label htmlFor={`backfill-${o.value}`} size="small">
                {o.label}
              </Label>
            </div>
          ))}
        </div>
        <FieldError id="objects-error" message={errors.objects} />
      </fieldset>
      <div className="flex max-w-xs flex-col gap-y-2">
        <Label htmlFor="backfill-since" size="small" weight="plus">
          Created since (optional)
        </Label>
        <Input
          id="backfill-since"
          type="date"
          value={since}
          onChange={(e) => setSince(e.target.value)}
          aria-invalid={!!errors.since}
          aria-describedby={errors.since ? "since-error" : undefined}
        />
        <FieldError id="since-error" message={errors.since} />
      </div>
      <div>
        <Button size="small" type="submit" isLoading={start.isPending} disabled={running}>
          {running ? "A backfill is running" : "Start backfill"}
        </Button>
      </div>
    </form>
  )
}

function RunReport({ run }: { run: BackfillReport }) {
  const p = run.progress
  const check = run.count_check
  return (
    <>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <div className="flex items-center justify-between">
          <Text size="small" weight="plus">
            {run.objects.join(", ")}
            {run.since ? ` created since ${dateTime(run.since)}` : ""}, started {dateTime(run.started_at)}
          </Text>
          <StatusBadge color={STATUS_COLOR[run.status]} data-testid="mailchimp-backfill-status">
            {run.status}
          </StatusBadge>
        </div>
        <ProgressBar
          value={p.percent}
          label="Backfill progress"
          text={`${p.percent}% · ${count(p.done + p.failed + p.skipped)} of ${count(p.total)}`}
        />
      </div>
      <div className="grid grid-cols-5 divide-x">
        <Figure label="Done" value={count(p.done)} />
        <Figure label="Backfill failed" value={count(p.failed)} tone={p.failed ? "error" : undefined} />
        <Figure label="Total" value={count(p.total)} />
        <Figure label="Rate" value={`${p.rate_per_second.toLocaleString()}/s`} />
        <Figure
          label="Time left"
          value={run.status === "running" ? (p.seconds_left === null ? "estimating" : duration(p.seconds_left * 1000)) : "–"}
        />
      </div>
      {run.kinds.length > 0 && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Objects</Table.HeaderCell>
              <Table.HeaderCell>In the store</Table.HeaderCell>
              <Table.HeaderCell>Sent</Table.HeaderCell>
              <Table.HeaderCell>Accepted</Table.HeaderCell>
              <Table.HeaderCell>Refused</Table.HeaderCell>
              <Table.HeaderCell>Retrying</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {run.kinds.map((k) => (
              <Table.Row key={k.kind}>
                <Table.Cell>{k.kind}</Table.Cell>
                <Table.Cell>{count(k.total)}</Table.Cell>
                <Table.Cell>{count(k.sent)}</Table.Cell>
                <Table.Cell>{count(k.done)}</Table.Cell>
                <Table.Cell>{count(k.failed)}</Table.Cell>
                <Table.Cell>{count(k.retrying)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {(run.members.consented > 0 || run.members.refused > 0) && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            Members with a consent: {count(run.members.consented)} sent, {count(run.members.subscribed)} accepted,{" "}
            {count(run.members.refused)} refused.
          </Text>
        </div>
      )}
      <div className="px-6 py-4" data-testid="mailchimp-backfill-promotions">
        <Text size="small" className="text-ui-fg-subtle">
          Promotions: {count(run.promotions.synced)} in Mailchimp, {count(run.promotions.pending)} on their way,{" "}
          {count(run.promotions.skipped)} skipped, {count(run.promotions.failed)} failed.
        </Text>
      </div>
      {run.failures.length > 0 && (
        <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="mailchimp-backfill-failures">
          <Text size="small" weight="plus">
            Refused by Mailchimp
          </Text>
          {run.failures.map((f) => (
            <Text key={`${f.object_type}-${f.object_id}`} size="small" className="text-ui-fg-error">
              {f.object_type} {f.object_id}: {f.error?.title ?? "Error"}
              {f.error?.detail ? ` (${f.error.detail})` : ""}
            </Text>
          ))}
        </div>
      )}
      <div className="px-6 py-4" data-testid="mailchimp-count-check">
        {check ? (
          <div className="flex flex-col gap-y-2">
            <Alert variant={check.ok ? "success" : "warning"}>{check.message}</Alert>
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Count check</Table.HeaderCell>
                  <Table.HeaderCell>Store</Table.HeaderCell>
                  <Table.HeaderCell>Expected in Mailchimp</Table.HeaderCell>
                  <Table.HeaderCell>Mailchimp</Table.HeaderCell>
                  <Table.HeaderCell>Difference</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {Object.entries(check.kinds).map(([kind, c]) => (
                  <Table.Row key={kind}>
                    <Table.Cell>{kind}</Table.Cell>
                    <Table.Cell>{count(c.store)}</Table.Cell>
                    <Table.Cell>{count(c.expected)}</Table.Cell>
                    <Table.Cell>{count(c.mailchimp)}</Table.Cell>
                    <Table.Cell className={c.difference ? "text-ui-fg-error" : undefined}>{c.difference}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            {run.status === "running" ? "The count check runs when every object is sent." : "No count check for this run."}
          </Text>
        )}
      </div>
    </>
  )
}

/** Start a backfill of the store's history, and watch it: progress bar, figures, failures, count check. */
export function BackfillSection() {
  const { data: run, isError, error } = useBackfill()
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-backfill">
      <div className="px-6 py-4">
        <Heading level="h2">Backfill</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Sends the store's existing customers, products and orders to Mailchimp in bulk; members only where a consent was
          recorded. Safe to run again: every object is an upsert.
        </Text>
      </div>
      {isError && (
        <div className="px-6 py-4">
          <Alert variant="error">{errorMessage(error)}</Alert>
        </div>
      )}
      {run && <RunReport run={run} />}
      <StartForm running={run?.status === "running"} />
    </Container>
  )
}
