import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useMailchimpPromotions } from "../lib/promotions-api"
import { count, dateTime } from "../lib/format"
import { Figure } from "./figure"
import { SyncStatus } from "./status"

/** Promotions as Mailchimp promo codes: how many are in Mailchimp, and why the others are not (docs/promotions.md). */
export function PromotionsSection() {
  const { data } = useMailchimpPromotions()
  if (!data) return null
  const { counts, rows } = data
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-promotions">
      <div className="px-6 py-4">
        <Heading level="h2">Promo codes</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Promotions with a code become Mailchimp promo codes; those Mailchimp cannot express are skipped, with the reason.
        </Text>
      </div>
      <div className="grid grid-cols-2 md:grid-cols-4">
        <Figure label="Promotions in Mailchimp" value={count(counts.synced)} />
        <Figure label="Promotions skipped" value={count(counts.skipped)} tone={counts.skipped ? "warning" : undefined} />
        <Figure label="Promotions failed" value={count(counts.failed)} tone={counts.failed ? "error" : undefined} />
        <Figure label="Promotions on their way" value={count(counts.pending)} />
      </div>
      {rows.length > 0 && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Code</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Why</Table.HeaderCell>
              <Table.HeaderCell>Changed</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((r) => (
              <Table.Row key={r.promotion_id}>
                <Table.Cell>{r.code ?? r.promotion_id}</Table.Cell>
                <Table.Cell>
                  <SyncStatus status={r.status} />
                </Table.Cell>
                <Table.Cell className="whitespace-normal">{r.error ? String(r.error.detail ?? r.error.title ?? "") : (r.note ?? "")}</Table.Cell>
                <Table.Cell>{dateTime(r.updated_at)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
