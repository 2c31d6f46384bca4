import type {
  Campaign,
  CampaignContent,
  CampaignContentBody,
  CampaignCreateBody,
  CampaignScheduleBody,
  CampaignsPage,
  CampaignStatus,
  CampaignTestBody,
  CampaignType,
  CampaignUpdateBody,
  SendChecklist,
} from "./campaign-types"
import type { FieldsQuery, PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"

export type ListCampaignsQuery = PageQuery & {
  type?: CampaignType
  status?: Extract<CampaignStatus, "save" | "paused" | "schedule" | "sending" | "sent">
  before_send_time?: string
  since_send_time?: string
  before_create_time?: string
  since_create_time?: string
  list_id?: string
  folder_id?: string
  member_id?: string
  sort_field?: "create_time" | "send_time"
  sort_dir?: "ASC" | "DESC"
}

export class CampaignsApi {
  constructor(private readonly http: Requester) {}

  list(query?: ListCampaignsQuery): Promise<CampaignsPage> {
    return this.http.request("GET", "/campaigns", { query })
  }

  create(body: CampaignCreateBody): Promise<Campaign> {
    return this.http.request("POST", "/campaigns", { body })
  }

  get(campaignId: string, query?: FieldsQuery): Promise<Campaign> {
    return this.http.request("GET", apiPath`/campaigns/${campaignId}`, { query })
  }

  update(campaignId: string, body: CampaignUpdateBody): Promise<Campaign> {
    return this.http.request("PATCH", apiPath`/campaigns/${campaignId}`, { body })
  }

  delete(campaignId: string): Promise<void> {
    return this.http.request("DELETE", apiPath`/campaigns/${campaignId}`)
  }

  getContent(campaignId: string, query?: FieldsQuery): Promise<CampaignContent> {
    return this.http.request("GET", apiPath`/campaigns/${campaignId}/content`, { query })
  }

  setContent(campaignId: string, body: CampaignContentBody): Promise<CampaignContent> {
    return this.http.request("PUT", apiPath`/campaigns/${campaignId}/content`, { body })
  }

  sendTest(campaignId: string, body: CampaignTestBody): Promise<void> {
    return this.action(campaignId, "test", body)
  }

  schedule(campaignId: string, body: CampaignScheduleBody): Promise<void> {
    return this.action(campaignId, "schedule", body)
  }

  unschedule(campaignId: string): Promise<void> {
    return this.action(campaignId, "unschedule")
  }

  send(campaignId: string): Promise<void> {
    return this.action(campaignId, "send")
  }

  replicate(campaignId: string): Promise<Campaign> {
    return this.http.request("POST", apiPath`/campaigns/${campaignId}/actions/replicate`)
  }

  sendChecklist(campaignId: string, query?: FieldsQuery): Promise<SendChecklist> {
    return this.http.request("GET", apiPath`/campaigns/${campaignId}/send-checklist`, { query })
  }

  private action(campaignId: string, action: string, body?: unknown): Promise<void> {
    return this.http.request("POST", apiPath`/campaigns/${campaignId}/actions/${action}`, { body })
  }
}
