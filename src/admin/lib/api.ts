import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
// The routes' answers (src/types/http), as received (Sent<>: every time an ISO string).
import type * as Http from "../../types/http"
import type { AudienceFigures, BackfillStart, EditableSettings, MergeFieldNames, Problem, Sent, SettingsChange } from "../../types/http"
import { sdk } from "./sdk"

export type { AudienceFigures, BackfillStart, EditableSettings, MergeFieldNames, Problem, SettingsChange }
export type MailchimpSettingsView = Sent<Http.MailchimpSettingsView>
export type WebhookState = Sent<Http.WebhookState>
export type FailedJob = Sent<Http.FailedJob>
export type SyncView = Sent<Http.SyncView>
export type BackfillKindProgress = Http.BackfillKindProgress
export type BackfillReport = Sent<Http.BackfillReport>
export type CustomerNewsletter = Sent<Http.CustomerNewsletter>
export type ConsentRecord = Sent<Http.ConsentRecord>
export type CommerceSyncState = Sent<Http.CommerceSyncState>
export type PurchaseProfileView = Sent<Http.AdminPurchaseProfileResponse>
export type OrderNewsletter = Sent<Http.OrderNewsletter>

export const mailchimpKeys = {
  settings: ["mailchimp", "settings"] as const,
  audiences: ["mailchimp", "audiences"] as const,
  interests: ["mailchimp", "interests"] as const,
  sync: ["mailchimp", "sync"] as const,
  backfill: ["mailchimp", "backfill"] as const,
  customer: (id: string) => ["mailchimp", "customer", id] as const,
  order: (id: string) => ["mailchimp", "order", id] as const,
}

export function useMailchimpSettings() {
  return useQuery({
    queryKey: mailchimpKeys.settings,
    queryFn: () => sdk.client.fetch<{ mailchimp: MailchimpSettingsView }>("/admin/mailchimp/settings"),
    select: (r) => r.mailchimp,
  })
}

export function useMailchimpAudiences(enabled: boolean) {
  return useQuery({
    queryKey: mailchimpKeys.audiences,
    queryFn: () =>
      sdk.client.fetch<{ audiences: AudienceFigures[]; count: number; current: string }>("/admin/mailchimp/audiences", {
        query: { limit: 1000 },
      }),
    enabled,
  })
}

export function useUpdateMailchimpSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (change: SettingsChange) =>
      sdk.client.fetch<{ mailchimp: MailchimpSettingsView }>("/admin/mailchimp/settings", { method: "POST", body: change }),
    onSuccess: (data) => {
      queryClient.setQueryData(mailchimpKeys.settings, data)
      return queryClient.invalidateQueries({ queryKey: mailchimpKeys.interests })
    },
  })
}

export type MailchimpInterests = Http.AdminMailchimpInterestsResponse["interests"]

export function useMailchimpInterests() {
  return useQuery({
    queryKey: mailchimpKeys.interests,
    queryFn: () => sdk.client.fetch<Http.AdminMailchimpInterestsResponse>("/admin/mailchimp/interest-categories"),
    select: (r) => r.interests,
  })
}

export function useRegisterWebhook() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch<{ webhook: unknown }>("/admin/mailchimp/webhook", { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailchimpKeys.settings }),
  })
}

export function useMailchimpSync(page: { limit: number; offset: number }, refetchInterval = 2_000) {
  return useQuery({
    queryKey: [...mailchimpKeys.sync, page],
    queryFn: () =>
      sdk.client.fetch<{ sync: SyncView }>("/admin/mailchimp/sync", {
        query: { failed_limit: page.limit, failed_offset: page.offset },
      }),
    select: (r) => r.sync,
    refetchInterval,
    placeholderData: keepPreviousData,
  })
}

export function useFailedJobAction(action: "retry" | "discard") {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ job: { id: string; name: string } }>(
        `/admin/mailchimp/sync/jobs/${encodeURIComponent(id)}/${action}`,
        { method: "POST", body: {} }
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailchimpKeys.sync }),
  })
}

/** The server's message for a failed call (FetchError carries it), for a toast or a form. */
export function errorMessage(e: unknown): string {
  return e instanceof Error && e.message ? e.message : "The request failed"
}

export function useBackfill() {
  return useQuery({
    queryKey: mailchimpKeys.backfill,
    queryFn: () => sdk.client.fetch<{ backfill: BackfillReport | null }>("/admin/mailchimp/backfill"),
    select: (r) => r.backfill,
    // Moves while a run is on; still once it has ended.
    refetchInterval: (query) => (query.state.data?.backfill?.status === "running" ? 1_000 : 10_000),
  })
}

export function useStartBackfill() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BackfillStart) =>
      sdk.client.fetch<{ backfill: BackfillReport }>("/admin/mailchimp/backfill", { method: "POST", body }),
    onSuccess: (data) => queryClient.setQueryData(mailchimpKeys.backfill, data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailchimpKeys.backfill }),
  })
}

export function useCustomerMailchimp(customerId: string) {
  return useQuery({
    queryKey: mailchimpKeys.customer(customerId),
    queryFn: async () => {
      const base = `/admin/mailchimp/customers/${encodeURIComponent(customerId)}`
      const [newsletter, history, purchases] = await Promise.all([
        sdk.client.fetch<{ newsletter: CustomerNewsletter }>(`${base}/newsletter`),
        sdk.client.fetch<{ consents: ConsentRecord[] }>(`${base}/consents`),
        sdk.client.fetch<PurchaseProfileView>(`${base}/purchase-profile`),
      ])
      return { newsletter: newsletter.newsletter, consents: history.consents, purchases }
    },
    refetchInterval: (query) => (query.state.data?.newsletter.pending ? 2_000 : false),
  })
}

export function useSetCustomerNewsletter(customerId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { subscribed: boolean; note?: string }) =>
      sdk.client.fetch(`/admin/mailchimp/customers/${encodeURIComponent(customerId)}/newsletter`, { method: "POST", body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailchimpKeys.customer(customerId) }),
  })
}

export function useOrderMailchimp(orderId: string) {
  return useQuery({
    queryKey: mailchimpKeys.order(orderId),
    queryFn: () =>
      sdk.client.fetch<{ newsletter: OrderNewsletter }>(`/admin/mailchimp/orders/${encodeURIComponent(orderId)}/newsletter`),
    select: (r) => r.newsletter,
    refetchInterval: (query) => (query.state.data?.newsletter.consent?.sync_status === "pending" ? 2_000 : false),
  })
}
