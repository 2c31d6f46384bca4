import { useQuery } from "@tanstack/react-query"
// GET /admin/mailchimp/promotions's answer (src/types/http), as received.
import type { AdminMailchimpPromotionsResponse, PromotionsSyncView, Sent } from "../../types/http"
import { sdk } from "./sdk"

export type PromotionsView = Sent<PromotionsSyncView>

/** The promotions' Mailchimp state: polled slowly (the scheduled diff runs every five minutes). */
export function useMailchimpPromotions() {
  return useQuery({
    queryKey: ["mailchimp", "promotions"],
    queryFn: () => sdk.client.fetch<Sent<AdminMailchimpPromotionsResponse>>("/admin/mailchimp/promotions"),
    select: (r) => r.promotions,
    refetchInterval: 15_000,
  })
}
