import { Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useCustomerEmailActivity } from "../lib/campaigns-api"
import { count, dateTime } from "../lib/format"
import { QueryState } from "./query-state"

const ACTION_TEXT: Record<string, string> = {
  sent: "Sent",
  open: "Opened",
  click: "Clicked",
  bounce: "Bounced",
  unsubscribe: "Unsubscribed",
  abuse: "Reported as spam",
}

const SHOWN = 10

/** The customer's campaign activity (sends, opens, clicks, bounces), for the customer page's widget. */
export function EmailActivitySection({ customerId }: { customerId: string }) {
  const { data, isLoading, isError, error } = useCustomerEmailActivity(customerId)
  return (
    <div className="flex flex-col" data-testid="mailchimp-email-activity">
      <div className="px-6 py-4">
        <Text size="small" weight="plus">
          Email activity
        </Text>
      </div>
      <QueryState isLoading={isLoading} isError={isError} error={error} className="px-6 pb-4" />
      {data && data.activity.length === 0 && (
        <div className="px-6 pb-4">
          <Text size="small" className="text-ui-fg-subtle">
            No campaign activity recorded for this customer.
          </Text>
        </div>
      )}
      {data && data.activity.length > 0 && (
        <>
          <div className="px-6 pb-4" data-testid="mailchimp-email-activity-totals">
            <Text size="small">
              {count(data.campaigns)} {data.campaigns === 1 ? "campaign" : "campaigns"}:{" "}
              {["sent", "open", "click", "bounce", "unsubscribe"]
                .filter((a) => data.totals[a])
                .map((a) => `${(ACTION_TEXT[a] ?? a).toLowerCase()} ${count(data.totals[a])}`)
                .join(", ")}
            </Text>
          </div>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>When</Table.HeaderCell>
                <Table.HeaderCell>What</Table.HeaderCell>
                <Table.HeaderCell>Campaign</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.activity.slice(0, SHOWN).map((a, i) => (
                <Table.Row key={`${a.campaign_id}-${a.action}-${a.occurred_at}-${i}`}>
                  <Table.Cell>{dateTime(a.occurred_at)}</Table.Cell>
                  <Table.Cell className="max-w-[200px] truncate" title={a.url ?? undefined}>
                    {ACTION_TEXT[a.action] ?? a.action}
                    {a.url ? ` ${a.url}` : ""}
                  </Table.Cell>
                  <Table.Cell className="max-w-[200px] truncate">
                    {a.local_campaign_id ? <Link to={`/mailchimp/campaigns/${a.local_campaign_id}`}>{a.subject ?? a.campaign_id}</Link> : a.campaign_id}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {data.activity.length > SHOWN && (
            <div className="px-6 py-3">
              <Text size="xsmall" className="text-ui-fg-subtle">
                The latest {SHOWN} of {count(data.activity.length)}.
              </Text>
            </div>
          )}
        </>
      )}
    </div>
  )
}
