import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../../modules/mailchimp-commerce"
import { storeTargets } from "../../../../modules/mailchimp-commerce/channels"
import type { IMailchimpCommerceService } from "../../../../types/mailchimp-commerce-module"
import type { AdminMailchimpSalesChannelsResponse, SalesChannelStoreView } from "../../../../types/http"

/**
 * The sales channels' Mailchimp stores for the sync screen: each store with its channels, currency and state, and the
 * objects left out for their channel (the reasons the sync rows keep), newest first.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpSalesChannelsResponse>) {
  const commerce = req.scope.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const options = commerce.getOptions()
  const targets = storeTargets(options)
  const rows = await commerce.listCommerceSyncs({ object_type: "store", object_id: targets.map((t) => t.storeId) }, { select: ["object_id", "status", "note", "error"] })
  const rowOf = new Map(rows.map((r) => [r.object_id, r]))
  const [skipped, count] = await commerce.listAndCountCommerceSyncs(
    { status: "skipped", note: { $like: "%sales channel%" } },
    { take: 100, select: ["object_type", "object_id", "note", "updated_at"], order: { updated_at: "DESC" } }
  )
  res.json({
    sales_channels: {
      mapped: !!options.salesChannels,
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
    },
  })
}
