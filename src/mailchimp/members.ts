import type { FieldsQuery, PageQuery, Requester } from "./request-types"
import { toSubscriberHash } from "./subscriber-hash"
import { apiPath } from "./url"

export const BATCH_SUBSCRIBE_LIMIT = 500

export type MemberStatus = "subscribed" | "unsubscribed" | "cleaned" | "pending" | "transactional" | "archived"
export type MemberWriteStatus = Exclude<MemberStatus, "archived">
/** PATCH accepts fewer statuses than PUT/POST. */
export type MemberPatchStatus = "subscribed" | "unsubscribed" | "cleaned" | "pending"

/** Values are strings or numbers, except address fields which are objects. */
export type MergeFieldValues = Record<string, unknown>

export type MemberTag = { id: number; name: string }

export type Member = {
  id: string
  email_address: string
  unique_email_id: string
  contact_id?: string
  full_name?: string
  web_id?: number
  email_type?: string
  status: MemberStatus
  unsubscribe_reason?: string
  consents_to_one_to_one_messaging?: boolean
  merge_fields: MergeFieldValues
  interests?: Record<string, boolean>
  stats?: {
    avg_open_rate?: number
    avg_click_rate?: number
    ecommerce_data?: { total_revenue?: number; number_of_orders?: number; currency_code?: string }
  }
  ip_signup?: string
  timestamp_signup?: string
  ip_opt?: string
  timestamp_opt?: string
  member_rating?: number
  last_changed?: string
  language?: string
  vip?: boolean
  email_client?: string
  location?: {
    latitude?: number
    longitude?: number
    gmtoff?: number
    dstoff?: number
    country_code?: string
    timezone?: string
    region?: string
  }
  marketing_permissions?: { marketing_permission_id: string; text?: string; enabled: boolean }[]
  last_note?: { note_id: number; created_at: string; created_by: string; note: string }
  source?: string
  tags_count?: number
  tags?: MemberTag[]
  list_id: string
}

export type MembersPage = { members: Member[]; list_id: string; total_items: number }

type MemberWriteFields = {
  email_type?: string
  merge_fields?: MergeFieldValues
  interests?: Record<string, boolean>
  language?: string
  vip?: boolean
  location?: { latitude: number; longitude: number }
  marketing_permissions?: { marketing_permission_id: string; enabled: boolean }[]
  ip_signup?: string
  timestamp_signup?: string
  ip_opt?: string
  timestamp_opt?: string
}

export type MemberAddBody = MemberWriteFields & {
  email_address: string
  status: MemberWriteStatus
  tags?: string[]
}

/** `status_if_new` applies only when the member is created; `status` also changes an existing member. */
export type MemberUpsertBody = MemberWriteFields & {
  email_address: string
  status_if_new?: MemberWriteStatus
  status?: MemberWriteStatus
}

export type MemberUpdateBody = MemberWriteFields & {
  email_address?: string
  status?: MemberPatchStatus
}

export type MemberTagUpdate = { name: string; status: "active" | "inactive" }

export type ListMembersQuery = PageQuery & {
  email_type?: string
  status?: MemberStatus
  since_timestamp_opt?: string
  before_timestamp_opt?: string
  since_last_changed?: string
  before_last_changed?: string
  unique_email_id?: string
  vip_only?: boolean
  interest_category_id?: string
  interest_ids?: string
  interest_match?: "any" | "all" | "none"
  sort_field?: "timestamp_opt" | "timestamp_signup" | "last_changed"
  sort_dir?: "ASC" | "DESC"
  since_last_campaign?: boolean
  unsubscribed_since?: string
}

export type MemberWriteQuery = { skip_merge_validation?: boolean }

/** Batch subscribe takes neither tags nor marketing permissions. */
export type BatchSubscribeMember = Omit<MemberWriteFields, "marketing_permissions"> & {
  email_address: string
  status: MemberWriteStatus
}

export type BatchSubscribeOptions = {
  /** Update members already on the list instead of reporting ERROR_CONTACT_EXISTS. */
  update_existing?: boolean
  sync_tags?: boolean
  skip_merge_validation?: boolean
  skip_duplicate_check?: boolean
  timeoutMs?: number
}

/** The shorter member representation in batch-subscribe and segment answers. */
export type MemberSummary = Pick<
  Member,
  | "id"
  | "email_address"
  | "unique_email_id"
  | "email_type"
  | "merge_fields"
  | "interests"
  | "ip_signup"
  | "timestamp_signup"
  | "ip_opt"
  | "timestamp_opt"
  | "member_rating"
  | "last_changed"
  | "language"
  | "vip"
  | "email_client"
  | "tags_count"
  | "tags"
  | "list_id"
> & { status: MemberWriteStatus }

export type BatchSubscribeResult = {
  new_members: MemberSummary[]
  updated_members: MemberSummary[]
  errors: { email_address: string; error: string; error_code?: "ERROR_CONTACT_EXISTS" | "ERROR_GENERIC" }[]
  total_created: number
  total_updated: number
  error_count: number
}

/** Audience members. Every `emailOrHash` may be an address or its subscriber hash. */
export class MembersApi {
  constructor(private readonly http: Requester) {}

  list(listId: string, query?: ListMembersQuery): Promise<MembersPage> {
    return this.http.request("GET", apiPath`/lists/${listId}/members`, { query })
  }

  get(listId: string, emailOrHash: string, query?: FieldsQuery): Promise<Member> {
    return this.http.request("GET", memberPath(listId, emailOrHash), { query })
  }

  add(listId: string, body: MemberAddBody, query?: MemberWriteQuery): Promise<Member> {
    return this.http.request("POST", apiPath`/lists/${listId}/members`, { body, query })
  }

  /** PUT: creates the member (with `status_if_new`) or updates it. */
  upsert(listId: string, emailOrHash: string, body: MemberUpsertBody, query?: MemberWriteQuery): Promise<Member> {
    return this.http.request("PUT", memberPath(listId, emailOrHash), { body, query })
  }

  update(listId: string, emailOrHash: string, body: MemberUpdateBody, query?: MemberWriteQuery): Promise<Member> {
    return this.http.request("PATCH", memberPath(listId, emailOrHash), { body, query })
  }

  /** DELETE archives: the member can be re-added later. */
  archive(listId: string, emailOrHash: string): Promise<void> {
    return this.http.request("DELETE", memberPath(listId, emailOrHash))
  }

  /** Erases the member and its history (GDPR); the API will not re-add the address afterwards. */
  deletePermanent(listId: string, emailOrHash: string): Promise<void> {
    return this.http.request("POST", `${memberPath(listId, emailOrHash)}/actions/delete-permanent`)
  }

  updateTags(
    listId: string,
    emailOrHash: string,
    tags: MemberTagUpdate[],
    opts: { is_syncing?: boolean } = {}
  ): Promise<void> {
    return this.http.request("POST", `${memberPath(listId, emailOrHash)}/tags`, { body: { tags, ...opts } })
  }

  /** POST /lists/{id}: up to 500 members per call; per-member failures come back in `errors`. */
  batchSubscribe(
    listId: string,
    members: BatchSubscribeMember[],
    opts: BatchSubscribeOptions = {}
  ): Promise<BatchSubscribeResult> {
    if (members.length > BATCH_SUBSCRIBE_LIMIT) {
      return Promise.reject(
        new RangeError(`batchSubscribe takes at most ${BATCH_SUBSCRIBE_LIMIT} members per call, got ${members.length}`)
      )
    }
    const { update_existing, sync_tags, skip_merge_validation, skip_duplicate_check, timeoutMs } = opts
    return this.http.request("POST", apiPath`/lists/${listId}`, {
      body: { members, update_existing, sync_tags },
      query: { skip_merge_validation, skip_duplicate_check },
      timeoutMs,
    })
  }
}

function memberPath(listId: string, emailOrHash: string): string {
  return apiPath`/lists/${listId}/members/${toSubscriberHash(emailOrHash)}`
}
