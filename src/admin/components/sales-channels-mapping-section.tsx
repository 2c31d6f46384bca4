import { Badge, Button, Container, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../lib/api"
import { dateTime } from "../lib/format"
import { useMailchimpSalesChannels, useSaveSalesChannelMapping } from "../lib/sales-channels-api"
import { SalesChannelDrawer } from "./sales-channel-drawer"

const SOURCE_TEXT = { saved: "Saved here", option: "Plugin option" } as const

/**
 * Settings → Mailchimp: each Medusa sales channel and the Mailchimp store it goes to, editable (docs/sales-channels.md).
 * A saved mapping wins over the salesChannels option; with a mapping in force an unmapped channel is not sent.
 */
export function SalesChannelsMappingSection() {
  const { data } = useMailchimpSalesChannels()
  const [editing, setEditing] = useState<string | null>(null)
  const save = useSaveSalesChannelMapping()
  const prompt = usePrompt()
  if (!data) return null
  const reset = async () => {
    const ok = await prompt({
      title: "Back to the plugin options?",
      description: "The mapping saved here is dropped; the salesChannels option applies again (none: one store for every channel).",
      confirmText: "Reset",
      cancelText: "Cancel",
    })
    if (ok) save.mutate(null, { onSuccess: () => toast.success("The plugin options apply again"), onError: (e) => toast.error(errorMessage(e)) })
  }
  const storeText = data.stores.length === 1 ? data.stores[0].store_id : ""
  return (
    <Container className="divide-y p-0" data-testid="mailchimp-sales-channels-mapping">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Sales channels</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {data.mapped
              ? "Each mapped channel goes to its own Mailchimp store; the others are not sent."
              : `Every channel goes to one Mailchimp store (${storeText}). Map a channel to give it a store of its own.`}
            {data.updated_at ? ` Last saved ${dateTime(data.updated_at)}.` : ""}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          {data.source && <Badge size="2xsmall" color={data.source === "saved" ? "blue" : "grey"}>{SOURCE_TEXT[data.source]}</Badge>}
          {data.source === "saved" && (
            <Button size="small" variant="secondary" onClick={reset} isLoading={save.isPending}>
              Reset
            </Button>
          )}
        </div>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Sales channel</Table.HeaderCell>
            <Table.HeaderCell>Mailchimp store</Table.HeaderCell>
            <Table.HeaderCell>Currency</Table.HeaderCell>
            <Table.HeaderCell>Storefront</Table.HeaderCell>
            <Table.HeaderCell>Audience</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data.channels.map((c) => (
            <Table.Row key={c.id} data-testid={`mailchimp-sales-channel-${c.id}`}>
              <Table.Cell>{c.name}</Table.Cell>
              {c.mapping ? (
                <>
                  <Table.Cell>{`${c.mapping.name} (${c.mapping.store_id})`}</Table.Cell>
                  <Table.Cell>{c.mapping.currency}</Table.Cell>
                  <Table.Cell>{c.mapping.storefront_url ?? "–"}</Table.Cell>
                  <Table.Cell>{c.mapping.audience_id ?? data.default_audience_id}</Table.Cell>
                </>
              ) : (
                <>
                  <Table.Cell>{data.mapped ? <Badge size="2xsmall" color="orange">not sent</Badge> : `the one store (${storeText})`}</Table.Cell>
                  <Table.Cell>–</Table.Cell>
                  <Table.Cell>–</Table.Cell>
                  <Table.Cell>–</Table.Cell>
                </>
              )}
              <Table.Cell className="text-right">
                <Button size="small" variant="transparent" onClick={() => setEditing(c.id)}>
                  Edit
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <SalesChannelDrawer channelId={editing} onClose={() => setEditing(null)} view={data} />
    </Container>
  )
}
