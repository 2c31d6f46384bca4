import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../../modules/mailchimp-commerce"
import { storeTargets } from "../../../../modules/mailchimp-commerce/channels"
import type { ChannelStore } from "../../../../options"
import type { IMailchimpCommerceService } from "../../../../types/mailchimp-commerce-module"
import type { SalesChannelMapping, SalesChannelsView, SalesChannelStoreView } from "../../../../types/http"
import type { AdminSaveSalesChannelMappingType } from "./validators"

/** A channel's store as the admin shows and sends it. */
export function mappingView(c: ChannelStore): SalesChannelMapping {
  return { store_id: c.storeId, name: c.name, currency: c.currency, storefront_url: c.storefrontUrl ?? null, audience_id: c.audienceId ?? null }
}

/** The admin's mapping as the salesChannels option holds it (an empty field: none). */
export function channelStoresOf(body: AdminSaveSalesChannelMappingType["sales_channels"]): Record<string, ChannelStore> | null {
  if (!body) return null
  return Object.fromEntries(
    Object.entries(body).map(([id, c]) => [
      id,
      {
        storeId: c.store_id,
        name: c.name,
        currency: c.currency.toUpperCase(),
        ...(c.storefront_url ? { storefrontUrl: c.storefront_url } : {}),
        ...(c.audience_id ? { audienceId: c.audience_id } : {}),
      },
    ])
  )
}

/**
 * The sales channels' Mailchimp stores for the sync and settings screens: every Medusa sales channel with its
 * mapping, each store with its channels, currency and state, and the objects left out for their channel (the reasons
 * the sync rows keep), newest first.
 */
export async function salesChannelsView(scope: MedusaContainer): Promise<SalesChannelsView> {
  const commerce = scope.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const options = commerce.getOptions()
  const saved = commerce.getSavedCommerceSettings()
  const targets = storeTargets(options)
  const rows = await commerce.listCommerceSyncs({ object_type: "store", object_id: targets.map((t) => t.storeId) }, { select: ["object_id", "status", "note", "error"] })
  const rowOf = new Map(rows.map((r) => [r.object_id, r]))
  const [skipped, count] = await commerce.listAndCountCommerceSyncs(
    { status: "skipped", note: { $like: "%sales channel%" } },
    { take: 100, select: ["object_type", "object_id", "note", "updated_at"], order: { updated_at: "DESC" } }
  )
  const channels = await scope.resolve(Modules.SALES_CHANNEL).listSalesChannels({}, { select: ["id", "name"], take: 200, order: { created_at: "ASC" } })
  const mapping = options.salesChannels
  return {
    mapped: !!mapping,
    source: saved?.sales_channels ? "saved" : mapping ? "option" : null,
    default_audience_id: options.audienceId,
    channels: channels.map((c) => ({ id: c.id, name: c.name, mapping: mapping?.[c.id] ? mappingView(mapping[c.id]) : null })),
    updated_at: saved?.updated_at ?? null,
    updated_by: saved?.updated_by ?? null,
    stores: targets.map(
      (t): SalesChannelStoreView => ({
        store_id: t.storeId,
        name: t.name ?? null,
        currency: t.currency ?? null,
        storefront_url: t.storefrontUrl ?? null,
        audience_id: t.audienceId,
        channel_ids: t.channelIds,
        status: (rowOf.get(t.storeId)?.status as SalesChannelStoreView["status"]) ?? null,
        note: rowOf.get(t.storeId)?.note ?? null,
        error: (rowOf.get(t.storeId)?.error as Record<string, unknown> | null) ?? null,
      })
    ),
    skipped_count: count,
    skipped: skipped.map((r) => ({ object_type: r.object_type, object_id: r.object_id, note: r.note, updated_at: r.updated_at })),
  }
}
