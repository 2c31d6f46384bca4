import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type CampaignStatus = "save" | "paused" | "schedule" | "sending" | "sent" | "canceled"

export type CampaignError = {
  refused?: boolean
  request_id?: string
  action?: string
  status?: number | null
  title?: string
  detail?: string
} | null

export type Campaign = {
  id: string
  mailchimp_campaign_id: string | null
  segment_id: string | null
  mailchimp_segment_id: number | null
  subject: string
  preview_text: string | null
  from_name: string
  reply_to: string
  title: string | null
  content_type: "html" | "plain" | "template"
  html: string | null
  plain_text: string | null
  template_id: number | null
  status: CampaignStatus
  scheduled_at: string | null
  sent_at: string | null
  emails_sent: number | null
  sync_status: "pending" | "synced" | "failed"
  last_action: string | null
  error: CampaignError
  replicated_from: string | null
  created_at: string
  updated_at: string
}

export type CampaignReportFigures = {
  id: string
  campaign_id: string
  mailchimp_campaign_id: string
  emails_sent: number
  opens: number
  unique_opens: number
  open_rate: number
  clicks: number
  unique_clicks: number
  click_rate: number
  hard_bounces: number
  soft_bounces: number
  unsubscribed: number
  abuse_reports: number
  pulled_at: string | null
  last_activity_pulled_at: string | null
}

export type RevenueLine = { currency_code: string; orders: number; revenue: string }

export type CampaignReportView = {
  campaign: Campaign
  report: CampaignReportFigures | null
  attribution: { campaign_id: RevenueLine[]; recipients: RevenueLine[]; window: { from: string; to: string; days: number } | null } | null
  activity: { hour: string; action: string; events: number; people: number }[]
}

export type SegmentOption = {
  id: string
  name: string
  member_count: number
  mailchimp_segment_id: number | null
  sync_status: string
}

/** What the campaign form sends: create takes every required field, update the changed ones. */
export type CampaignBody = {
  title?: string | null
  subject?: string
  preview_text?: string | null
  from_name?: string
  reply_to?: string
  segment_id?: string | null
  mailchimp_segment_id?: number | null
  html?: string
}

export type EmailActivityView = {
  customer_id: string
  email: string | null
  totals: Record<string, number>
  campaigns: number
  activity: {
    campaign_id: string
    local_campaign_id: string | null
    subject: string | null
    email: string
    action: string
    occurred_at: string
    url: string | null
  }[]
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
      sdk.client.fetch<{ campaigns: Campaign[]; count: number; limit: number; offset: number }>(base, {
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

type CampaignAnswer = { campaign: Campaign; queued?: boolean; message?: string }

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
