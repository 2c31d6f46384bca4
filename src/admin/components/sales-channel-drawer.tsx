import { Alert, Button, Drawer, Input, Label, Select, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { errorMessage, useMailchimpAudiences } from "../lib/api"
import { type SalesChannelsSyncView, useSaveSalesChannelMapping } from "../lib/sales-channels-api"
import { channelFormOf, type ChannelMappingForm, DEFAULT_AUDIENCE, mappingOfForm, mappingWith, storeChange } from "../lib/sales-channel-mapping"

type Props = { channelId: string | null; onClose: () => void; view: SalesChannelsSyncView }

const FIELDS: { key: Exclude<keyof ChannelMappingForm, "audience_id">; label: string; hint: string }[] = [
  { key: "store_id", label: "Mailchimp store id", hint: "1 to 50 characters; channels with the same storefront domain share one store." },
  { key: "name", label: "Store name", hint: "The store's name in Mailchimp." },
  { key: "currency", label: "Currency", hint: "ISO 4217, e.g. EUR; product prices are sent in it." },
  { key: "storefront_url", label: "Storefront URL", hint: "The channel's storefront; empty: the plugin's storefrontUrl." },
]

/**
 * One sales channel's Mailchimp store. Saving sends the whole mapping; a change that sends the channel to another
 * audience or store is confirmed first (a new Mailchimp store, filled by a backfill). The server's refusal shows here.
 */
export function SalesChannelDrawer({ channelId, onClose, view }: Props) {
  const channel = view.channels.find((c) => c.id === channelId)
  const [values, setValues] = useState<ChannelMappingForm>(() => channelFormOf(channel?.mapping ?? null, channel?.name ?? ""))
  const [error, setError] = useState<string | null>(null)
  const audiences = useMailchimpAudiences(!!channelId)
  const save = useSaveSalesChannelMapping()
  const prompt = usePrompt()

  useEffect(() => {
    if (channel) setValues(channelFormOf(channel.mapping, channel.name))
    setError(null)
  }, [channelId])

  const send = async (mapping: ReturnType<typeof mappingOfForm> | null) => {
    if (!channel) return
    const change = storeChange(view, channel.id, mapping)
    const others = !view.mapped ? " Channels left unmapped will no longer be sent to Mailchimp." : ""
    if (change || others) {
      const ok = await prompt({
        title: "A new Mailchimp store",
        description: `${change ?? ""} A new Mailchimp store will be created and needs a backfill (Mailchimp → Sync) to hold the channel's products, customers and orders.${others}`,
        confirmText: "Save",
        cancelText: "Cancel",
      })
      if (!ok) return
    }
    save.mutate(mappingWith(view, channel.id, mapping), {
      onSuccess: (r) => {
        toast.success(r.backfill_needed ? `Saved. Run a backfill for ${r.backfill_channels.join(", ")}` : "Saved")
        onClose()
      },
      onError: (e) => setError(errorMessage(e)),
    })
  }

  const audienceList = audiences.data?.audiences ?? []
  const knownAudience = values.audience_id === DEFAULT_AUDIENCE || audienceList.some((a) => a.id === values.audience_id)
  return (
    <Drawer open={!!channelId} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content aria-describedby={undefined}>
        <form
          className="flex h-full flex-col"
          noValidate
          data-testid="mailchimp-sales-channel-form"
          onSubmit={(e) => {
            e.preventDefault()
            void send(mappingOfForm(values))
          }}
        >
          <Drawer.Header>
            <Drawer.Title>{channel ? `${channel.name}'s Mailchimp store` : "Sales channel"}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-6 overflow-y-auto">
            {error && (
              <Alert variant="error" data-testid="mailchimp-sales-channel-error">
                {error}
              </Alert>
            )}
            {FIELDS.map(({ key, label, hint }) => (
              <div key={key} className="flex flex-col gap-y-2">
                <Label htmlFor={`sales-channel-${key}`} weight="plus">
                  {label}
                </Label>
                <Input id={`sales-channel-${key}`} value={values[key]} onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))} />
                <Text size="small" className="text-ui-fg-subtle">
                  {hint}
                </Text>
              </div>
            ))}
            <div className="flex flex-col gap-y-2">
              <Label htmlFor="sales-channel-audience_id" weight="plus">
                Audience
              </Label>
              <Select value={values.audience_id} onValueChange={(v) => setValues((s) => ({ ...s, audience_id: v }))}>
                <Select.Trigger id="sales-channel-audience_id">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value={DEFAULT_AUDIENCE}>The plugin's audience ({view.default_audience_id})</Select.Item>
                  {!knownAudience && <Select.Item value={values.audience_id}>{values.audience_id}</Select.Item>}
                  {audienceList
                    .filter((a) => a.id !== view.default_audience_id)
                    .map((a) => (
                      <Select.Item key={a.id} value={a.id}>
                        {a.name} ({a.id})
                      </Select.Item>
                    ))}
                </Select.Content>
              </Select>
              <Text size="small" className="text-ui-fg-subtle">
                A Mailchimp store belongs to one audience for good: to move the channel, give it a new store id too.
              </Text>
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            {channel?.mapping && (
              <Button size="small" variant="danger" type="button" isLoading={save.isPending} onClick={() => void send(null)}>
                Do not send
              </Button>
            )}
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={save.isPending}>
              Save
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
