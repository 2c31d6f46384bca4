// The sales channel mapping form of Settings → Mailchimp: the form's values, the whole mapping a save sends, and
// whether a change sends a channel to a store that lacks its objects (the admin asks first).
import type { SalesChannelMapping } from "../../types/http"
import type { SalesChannelsSyncView } from "./sales-channels-api"

/** The form's values; `audience_id` DEFAULT_AUDIENCE: the plugin's audience. */
export type ChannelMappingForm = { store_id: string; name: string; currency: string; storefront_url: string; audience_id: string }

export const DEFAULT_AUDIENCE = "default"

export function channelFormOf(mapping: SalesChannelMapping | null, channelName: string): ChannelMappingForm {
  return {
    store_id: mapping?.store_id ?? "",
    name: mapping?.name ?? channelName,
    currency: mapping?.currency ?? "",
    storefront_url: mapping?.storefront_url ?? "",
    audience_id: mapping?.audience_id ?? DEFAULT_AUDIENCE,
  }
}

export function mappingOfForm(form: ChannelMappingForm): SalesChannelMapping {
  return {
    store_id: form.store_id.trim(),
    name: form.name.trim(),
    currency: form.currency.trim().toUpperCase(),
    storefront_url: form.storefront_url.trim() || null,
    audience_id: form.audience_id === DEFAULT_AUDIENCE ? null : form.audience_id,
  }
}

/** The whole mapping in force with one channel's changed (null: the channel is not sent). */
export function mappingWith(view: SalesChannelsSyncView, channelId: string, mapping: SalesChannelMapping | null): Record<string, SalesChannelMapping> {
  const all: Record<string, SalesChannelMapping> = {}
  for (const c of view.channels) if (c.mapping && c.id !== channelId) all[c.id] = c.mapping
  if (mapping) all[channelId] = mapping
  return all
}

/**
 * Why saving this channel needs a new Mailchimp store and a backfill (null: it does not): it moves to another
 * audience or another store, or is sent for the first time. Mailchimp never moves a store to another audience.
 */
export function storeChange(view: SalesChannelsSyncView, channelId: string, next: SalesChannelMapping | null): string | null {
  if (!next) return null
  const before = view.channels.find((c) => c.id === channelId)?.mapping ?? null
  const audience = (m: SalesChannelMapping) => m.audience_id ?? view.default_audience_id
  if (!before) return `The channel will be sent to the Mailchimp store ${next.store_id}.`
  if (audience(before) !== audience(next)) return `The channel moves from audience ${audience(before)} to ${audience(next)}.`
  if (before.store_id !== next.store_id) return `The channel moves from the Mailchimp store ${before.store_id} to ${next.store_id}.`
  return null
}
