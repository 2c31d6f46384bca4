import { useQuery } from "@tanstack/react-query"
// GET /admin/mailchimp/sales-channels's answer (src/types/http), as received.
import type { AdminMailchimpSalesChannelsResponse, SalesChannelsView, Sent } from "../../types/http"
import { sdk } from "./sdk"

export type SalesChannelsSyncView = Sent<SalesChannelsView>

/** The sales channels' Mailchimp stores and the objects left out for their channel (docs/sales-channels.md). */
export function useMailchimpSalesChannels() {
  return useQuery({
    queryKey: ["mailchimp", "sales-channels"],
    queryFn: () => sdk.client.fetch<Sent<AdminMailchimpSalesChannelsResponse>>("/admin/mailchimp/sales-channels"),
    select: (r) => r.sales_channels,
    refetchInterval: 15_000,
  })
}
