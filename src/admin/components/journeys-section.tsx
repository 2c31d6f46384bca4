import { Alert, Button, Checkbox, Container, Heading, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { errorMessage } from "../lib/api"
import { count, dateTime } from "../lib/format"
import { useMailchimpJourneys, useUpdateMailchimpJourneys } from "../lib/journeys-api"

/**
 * Settings → Mailchimp: which store events become Mailchimp member events (for Customer Journeys), the n-th order and
 * spending threshold, and per event what was sent in the last 30 days and the last failure.
 */
export function JourneysSection() {
  const { data, error, isLoading } = useMailchimpJourneys()
  const update = useUpdateMailchimpJourneys()
  const [on, setOn] = useState<Record<string, boolean>>({})
  const [nth, setNth] = useState("")
  const [spent, setSpent] = useState("")
  const [siteScript, setSiteScript] = useState(false)
  useEffect(() => {
    if (!data) return
    setOn(Object.fromEntries(data.events.map((e) => [e.name, e.enabled])))
    setNth(String(data.nth_order))
    setSpent(String(data.spent_over))
    setSiteScript(data.site_script)
  }, [data])
  const save = () =>
    update.mutate(
      { events: on, nth_order: Number(nth), spent_over: Number(spent), site_script: siteScript },
      { onSuccess: () => toast.success("Customer Journey events saved"), onError: (e) => toast.error(errorMessage(e)) }
    )
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-journeys">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Customer Journey events</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Store events sent to the customer's Mailchimp contact, once each, from the moment they are turned on.
            Starting a journey from an event needs a paid Mailchimp plan.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={save} isLoading={update.isPending} disabled={!data}>
          Save
        </Button>
      </div>
      {isLoading && <div className="px-6 py-4"><Text size="small">Loading…</Text></div>}
      {error && (
        <div className="px-6 py-4">
          <Alert variant="error">{errorMessage(error)}</Alert>
        </div>
      )}
      {data && (
        <>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Event</Table.HeaderCell>
                <Table.HeaderCell>Mailchimp name</Table.HeaderCell>
                <Table.HeaderCell>Sent (30 days)</Table.HeaderCell>
                <Table.HeaderCell>Last failure</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.events.map((e) => (
                <Table.Row key={e.name} data-testid={`journey-event-${e.name}`}>
                  <Table.Cell>
                    <div className="flex items-center gap-x-2">
                      <Checkbox
                        id={`journey-${e.name}`}
                        checked={!!on[e.name]}
                        onCheckedChange={(v) => setOn({ ...on, [e.name]: v === true })}
                      />
                      <Label htmlFor={`journey-${e.name}`}>{e.label}</Label>
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <code>{e.name}</code>
                  </Table.Cell>
                  <Table.Cell>
                    {count(e.sent_30d)}
                    {e.pending > 0 ? ` (${count(e.pending)} waiting)` : ""}
                  </Table.Cell>
                  <Table.Cell>{e.last_failure ? `${e.last_failure} (${dateTime(e.last_failure_at)})` : "–"}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <div className="flex gap-x-6 px-6 py-4">
            <div>
              <Label htmlFor="journey-nth-order">N-th order</Label>
              <Input id="journey-nth-order" type="number" min={2} value={nth} onChange={(ev) => setNth(ev.target.value)} />
            </div>
            <div>
              <Label htmlFor="journey-spent-over">Spent more than (in total)</Label>
              <Input id="journey-spent-over" type="number" min={1} value={spent} onChange={(ev) => setSpent(ev.target.value)} />
            </div>
          </div>
          <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="mailchimp-site-script">
            <div className="flex items-center gap-x-2">
              <Checkbox id="journey-site-script" checked={siteScript} onCheckedChange={(v) => setSiteScript(v === true)} />
              <Label htmlFor="journey-site-script">Mailchimp's site script on the storefront</Label>
            </div>
            <Text size="small" className="text-ui-fg-subtle">
              Pop-up forms, site tracking and retargeting from the store's connected site. The storefront inserts it only
              after the shopper accepts its cookies.
              {data.site_script_url ? ` Script: ${data.site_script_url}` : data.site_script ? " Looking for the script…" : ""}
            </Text>
            {data.site_script_error && <Alert variant="warning">{data.site_script_error}</Alert>}
          </div>
        </>
      )}
    </Container>
  )
}
