import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
// /admin/mailchimp/journeys's answer (src/types/http), as received.
import type { AdminMailchimpJourneysResponse, JourneysChange } from "../../types/http"
import { sdk } from "./sdk"

const key = ["mailchimp", "journeys"]

export function useMailchimpJourneys() {
  return useQuery({
    queryKey: key,
    queryFn: () => sdk.client.fetch<AdminMailchimpJourneysResponse>("/admin/mailchimp/journeys"),
    select: (r) => r.journeys,
  })
}

export function useUpdateMailchimpJourneys() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (change: JourneysChange) =>
      sdk.client.fetch<AdminMailchimpJourneysResponse>("/admin/mailchimp/journeys", { method: "POST", body: change }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  })
}
