import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useMailchimpSalesChannels } from "../lib/sales-channels-api"
import { count, dateTime } from "../lib/format"
import { Figure } from "./figure"
import { SyncStatus } from "./status"

/**
 * Sales channels → Mailchimp stores (the salesChannels option): each store with its channels, currency and audience,
 * and the objects left out because their channel is not mapped, with the reason. Shown only when the option is set.
 */
export function SalesChannelsSection() {
  const { data } = useMailchimpSalesChannels()
  if (!data?.mapped) return null
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-sales-channels">
      <div className="px-6 py-4">
        <Heading level="h2">Sales channels</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Each mapped sales channel goes to its own Mailchimp store; carts, orders and products of other channels are not sent.
        </Text>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Mailchimp store</Table.HeaderCell>
            <Table.HeaderCell>Sales channels</Table.HeaderCell>
            <Table.HeaderCell>Currency</Table.HeaderCell>
            <Table.HeaderCell>Audience</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data.stores.map((s) => (
            <Table.Row key={s.store_id}>
              <Table.Cell>{s.name ? `${s.name} (${s.store_id})` : s.store_id}</Table.Cell>
              <Table.Cell className="whitespace-normal">{(s.channel_ids ?? []).join(", ")}</Table.Cell>
              <Table.Cell>{s.currency ?? ""}</Table.Cell>
              <Table.Cell>{s.audience_id}</Table.Cell>
              <Table.Cell>{s.status ? <SyncStatus status={s.status} /> : "not connected yet"}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <div className="grid grid-cols-2 md:grid-cols-4">
        <Figure label="Left out for their channel" value={count(data.skipped_count)} tone={data.skipped_count ? "warning" : undefined} />
      </div>
      {data.skipped.length > 0 && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Object</Table.HeaderCell>
              <Table.HeaderCell>Why</Table.HeaderCell>
              <Table.HeaderCell>Changed</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.skipped.map((r) => (
              <Table.Row key={`${r.object_type}:${r.object_id}`}>
                <Table.Cell>{`${r.object_type} ${r.object_id}`}</Table.Cell>
                <Table.Cell className="whitespace-normal">{r.note ?? ""}</Table.Cell>
                <Table.Cell>{dateTime(r.updated_at)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
