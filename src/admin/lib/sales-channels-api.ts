import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
// GET /admin/mailchimp/sales-channels's answer (src/types/http), as received.
import type {
  AdminMailchimpSalesChannelsResponse,
  AdminSaveSalesChannelMappingResponse,
  SalesChannelMapping,
  SalesChannelsView,
  Sent,
} from "../../types/http"
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

/** Saves the whole mapping (null: back to the salesChannels option); answers whether a backfill is needed. */
export function useSaveSalesChannelMapping() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (sales_channels: Record<string, SalesChannelMapping> | null) =>
      sdk.client.fetch<Sent<AdminSaveSalesChannelMappingResponse>>("/admin/mailchimp/sales-channels", { method: "POST", body: { sales_channels } }),
    onSuccess: (data) => queryClient.setQueryData(["mailchimp", "sales-channels"], { sales_channels: data.sales_channels }),
  })
}
