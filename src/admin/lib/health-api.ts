import { useQuery } from "@tanstack/react-query"
// GET /admin/mailchimp/health's answer (src/types/http): no dates but an ISO string already.
import type { AdminHealthResponse, HealthLine, HealthReport } from "../../types/http"
import { sdk } from "./sdk"

export type { HealthLine, HealthReport }

/** The account health check: read on demand (it makes several calls to Mailchimp), not polled. */
export function useMailchimpHealth() {
  return useQuery({
    queryKey: ["mailchimp", "health"],
    queryFn: () => sdk.client.fetch<AdminHealthResponse>("/admin/mailchimp/health"),
    select: (r) => r.health,
    refetchOnWindowFocus: false,
    staleTime: 60_000,
  })
}
