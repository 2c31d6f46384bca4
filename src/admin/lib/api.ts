import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type Problem = { status: number | null; title: string; detail: string }

export type MergeFieldNames = { first_name: string; last_name: string; phone: string; address: string }

export type EditableSettings = {
  audience_id: string
  double_opt_in: "audience" | "on" | "off"
  checkout_label: string
  tags: string[]
  merge_fields: MergeFieldNames
}

export type SettingsChange = { [K in keyof EditableSettings]?: EditableSettings[K] | null }

export type AudienceFigures = {
  id: string
  name: string
  double_optin: boolean
  member_count: number
  unsubscribe_count: number
  cleaned_count: number
}

export type WebhookState = {
  configured: boolean
  url: string | null
  registered: boolean
  webhook_id: string | null
  signed: boolean
  registered_at: string | null
  deliveries: { by_type: Record<string, number>; by_status: Record<string, number>; last_received_at: string | null }
}

export type MailchimpSettingsView = {
  connection: {
    ok: boolean
    health_status: string | null
    account: { id: string; name: string } | null
    api_key: string
    data_center: string | null
    api_url: string | null
    error: Problem | null
  }
  audience: (AudienceFigures & { error: null }) | { id: string; error: Problem }
  settings: EditableSettings
  defaults: EditableSettings
  overridden: (keyof EditableSettings)[]
  updated_at: string | null
  updated_by: string | null
  webhook: WebhookState
}

export type FailedJob = {
  id: string
  name: string
  data: Record<string, unknown>
  failed_reason: string
  attempts_made: number
  created_at: string
  failed_at: string | null
}

export type SyncView = {
  queue: {
    waiting: number | null
    active: number | null
    delayed: number | null
    failed: number | null
    completed: number | null
    available: boolean
    error: string | null
  }
  failed_jobs: FailedJob[]
  reconciler: {
    schedule: string
    after_seconds: number
    last_run: {
      started_at: string
      finished_at: string
      duration_ms: number
      outcome: "ok" | "failed"
      result: { found?: Record<string, number>; queued?: number; already_queued?: number; unavailable?: number } | null
      error: string | null
    } | null
  }
  consents: { pending: number; failed: number }
  webhook_events: { waiting: number; failed: number }
}

export const mailchimpKeys = {
  settings: ["mailchimp", "settings"] as const,
  audiences: ["mailchimp", "audiences"] as const,
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
    onSuccess: (data) => queryClient.setQueryData(mailchimpKeys.settings, data),
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

export type BackfillKindProgress = {
  kind: string
  status: string
  total: number
  sent: number
  done: number
  failed: number
  skipped: number
  retrying: number
  open_batches: number
}

export type BackfillReport = {
  id: string
  status: "running" | "completed" | "failed" | "canceled"
  objects: string[]
  since: string | null
  started_at: string
  finished_at: string | null
  progress: {
    done: number
    failed: number
    skipped: number
    total: number
    percent: number
    rate_per_second: number
    seconds_left: number | null
    elapsed_seconds: number
  }
  kinds: BackfillKindProgress[]
  members: { consented: number; subscribed: number; refused: number }
  failures: { object_type: string; object_id: string; error: { title?: string; detail?: string } | null; attempts: number }[]
  count_check: {
    ok: boolean
    kinds: Record<string, { store: number; mailchimp: number; expected: number; difference: number }>
    message: string
  } | null
}

export type BackfillStart = { objects?: string[]; since?: string }

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

export type CustomerNewsletter = {
  email: string
  status: "subscribed" | "pending" | "unsubscribed" | "cleaned" | "none"
  changed_at: string | null
  source: string | null
  pending: "subscribe" | "unsubscribe" | null
}

export type ConsentRecord = {
  id: string
  email: string
  action: string
  source: string
  created_at: string
  order_id: string | null
  evidence: { at?: string; ip?: string; user_agent?: string; label?: string; note?: string; actor_id?: string } & Record<string, unknown>
  requested_status: string | null
  mailchimp_status: string | null
  sync_status: "pending" | "synced" | "failed" | "superseded"
  sync_error: { title?: string; detail?: string } | null
  synced_at: string | null
}

export type CommerceSyncState = {
  status: "pending" | "synced" | "failed" | "skipped"
  synced_at: string | null
  attempts: number
  error: { title?: string; detail?: string } | null
  note: string | null
} | null

export type PurchaseProfileView = {
  enabled: boolean
  purchase_profile: {
    currency_code: string
    orders_count: number
    total_spent: string | number
    average_order: string | number
    canceled_count: number
    first_order_at: string | null
    last_order_at: string | null
    products: number
    categories: number
    collections: number
  } | null
  customer_sync: CommerceSyncState
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

export type OrderNewsletter = {
  order_id: string
  email: string | null
  choice: { opt_in: boolean; at: string | null; label: string | null } | null
  consent: {
    id: string
    created_at: string
    evidence: ConsentRecord["evidence"]
    requested_status: string | null
    mailchimp_status: string | null
    sync_status: ConsentRecord["sync_status"]
    sync_error: { title?: string; detail?: string } | null
    sync_attempts: number
    synced_at: string | null
  } | null
  member: { status: string; status_at: string; status_source: string } | null
  order_sync: CommerceSyncState
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
