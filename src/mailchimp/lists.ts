import type { FieldsQuery, PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"

export type ListStats = {
  member_count: number
  total_contacts?: number
  unsubscribe_count: number
  cleaned_count: number
  member_count_since_send?: number
  unsubscribe_count_since_send?: number
  cleaned_count_since_send?: number
  campaign_count?: number
  campaign_last_sent?: string
  merge_field_count?: number
  avg_sub_rate?: number
  avg_unsub_rate?: number
  target_sub_rate?: number
  open_rate?: number
  click_rate?: number
  last_sub_date?: string
  last_unsub_date?: string
}

export type ListContact = {
  company?: string
  address1?: string
  address2?: string
  city?: string
  state?: string
  zip?: string
  country?: string
  phone?: string
}

export type ListCampaignDefaults = {
  from_name?: string
  from_email?: string
  subject?: string
  language?: string
}

export type List = {
  id: string
  web_id: number
  name: string
  contact?: ListContact
  permission_reminder?: string
  use_archive_bar?: boolean
  campaign_defaults?: ListCampaignDefaults
  notify_on_subscribe?: string
  notify_on_unsubscribe?: string
  date_created: string
  list_rating?: number
  email_type_option?: boolean
  subscribe_url_short?: string
  subscribe_url_long?: string
  beamer_address?: string
  visibility?: "pub" | "prv"
  double_optin: boolean
  has_welcome?: boolean
  marketing_permissions?: boolean
  modules?: string[]
  stats: ListStats
}

export type ListsPage = {
  lists: List[]
  total_items: number
  constraints?: { may_create: boolean; max_instances: number; current_total_instances?: number }
}

export type GetListsQuery = PageQuery & {
  before_date_created?: string
  since_date_created?: string
  before_campaign_last_sent?: string
  since_campaign_last_sent?: string
  email?: string
  sort_field?: "date_created"
  sort_dir?: "ASC" | "DESC"
  has_ecommerce_store?: boolean
  include_total_contacts?: boolean
}

export type GetListQuery = FieldsQuery & { include_total_contacts?: boolean }

/** Audiences ("lists" in the API). */
export class ListsApi {
  constructor(private readonly http: Requester) {}

  getLists(query?: GetListsQuery): Promise<ListsPage> {
    return this.http.request("GET", "/lists", { query })
  }

  getList(listId: string, query?: GetListQuery): Promise<List> {
    return this.http.request("GET", apiPath`/lists/${listId}`, { query })
  }
}
