import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
// The routes' answers (src/types/http), as received (Sent<>: every time an ISO string).
import type * as Http from "../../types/http"
import type { CampaignBody, CampaignError, CampaignStatus, EmailActivityView, RevenueLine, Sent } from "../../types/http"
import { sdk } from "./sdk"

export type { CampaignBody, CampaignError, CampaignStatus, EmailActivityView, RevenueLine }
export type Campaign = Sent<Http.Campaign>
export type CampaignReportFigures = Sent<Http.CampaignReportFigures>
export type CampaignReportView = Sent<Http.CampaignReportView>

export type SegmentOption = {
  id: string
  name: string
  audience_id: string
  member_count: number
  mailchimp_segment_id: number | null
  sync_status: string
}

export const campaignKeys = {
  all: ["mailchimp", "campaigns"] as const,
  list: (page: { limit: number; offset: number; status?: string }) => ["mailchimp", "campaigns", "list", page] as const,
  one: (id: string) => ["mailchimp", "campaigns", "one", id] as const,
  report: (id: string) => ["mailchimp", "campaigns", "report", id] as const,
  segments: ["mailchimp", "campaigns", "segments"] as const,
  activity: (customerId: string) => ["mailchimp", "customer", customerId, "email-activity"] as const,
}

const base = "/admin/mailchimp/campaigns"
const path = (id: string, action?: string) => `${base}/${encodeURIComponent(id)}${action ? `/${action}` : ""}`

/** Campaigns still on their way somewhere refresh themselves. */
const moving = (c: Campaign | undefined) => !!c && (c.status === "sending" || c.sync_status === "pending")

export function useCampaigns(page: { limit: number; offset: number; status?: string }) {
  return useQuery({
    queryKey: campaignKeys.list(page),
    queryFn: () =>
      sdk.client.fetch<Sent<Http.AdminCampaignListResponse>>(base, {
        query: { limit: page.limit, offset: page.offset, ...(page.status ? { status: page.status } : {}) },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.campaigns.some(moving) ? 2_000 : 15_000),
  })
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: campaignKeys.one(id),
    queryFn: () => sdk.client.fetch<{ campaign: Campaign; report: CampaignReportFigures | null }>(path(id)),
    refetchInterval: (query) => (moving(query.state.data?.campaign) ? 2_000 : 10_000),
  })
}

export function useCampaignReport(id: string) {
  return useQuery({
    queryKey: campaignKeys.report(id),
    queryFn: () => sdk.client.fetch<CampaignReportView>(path(id, "report")),
    refetchInterval: 10_000,
  })
}

/** Segments to aim a campaign at (only those already in Mailchimp can be chosen). */
export function useSegmentOptions(enabled = true) {
  return useQuery({
    queryKey: campaignKeys.segments,
    queryFn: () => sdk.client.fetch<{ segments: SegmentOption[]; count: number }>("/admin/mailchimp/segments", { query: { limit: 100 } }),
    select: (r) => r.segments,
    enabled,
  })
}

/** What every campaign action answers (202 with queued and a message when the queue finishes it). */
export type CampaignAnswer = Sent<Http.AdminCampaignActionResponse>

function useCampaignMutation<T>(fn: (input: T) => Promise<CampaignAnswer>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      if (data?.campaign) queryClient.setQueryData(campaignKeys.one(data.campaign.id), (old: any) => ({ report: null, ...old, campaign: data.campaign }))
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  })
}

export function useCreateCampaign() {
  return useCampaignMutation((body: CampaignBody) => sdk.client.fetch<CampaignAnswer>(base, { method: "POST", body }))
}

export function useUpdateCampaign(id: string) {
  return useCampaignMutation((body: CampaignBody) => sdk.client.fetch<CampaignAnswer>(path(id), { method: "POST", body }))
}

export function useTestCampaign(id: string) {
  return useCampaignMutation((emails: string[]) =>
    sdk.client.fetch<CampaignAnswer>(path(id, "test"), { method: "POST", body: { emails } })
  )
}

export function useScheduleCampaign(id: string) {
  return useCampaignMutation((schedule_time: string) =>
    sdk.client.fetch<CampaignAnswer>(path(id, "schedule"), { method: "POST", body: { schedule_time } })
  )
}

export function useCampaignAction(id: string, action: "unschedule" | "send" | "replicate") {
  return useCampaignMutation((_: void) => sdk.client.fetch<CampaignAnswer>(path(id, action), { method: "POST", body: {} }))
}

export function useCustomerEmailActivity(customerId: string) {
  return useQuery({
    queryKey: campaignKeys.activity(customerId),
    queryFn: () =>
      sdk.client.fetch<EmailActivityView>(`/admin/mailchimp/customers/${encodeURIComponent(customerId)}/email-activity`),
  })
}
