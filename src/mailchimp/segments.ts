import type { MemberSummary } from "./members"
import type { FieldsQuery, PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"

export const SEGMENT_MEMBERS_LIMIT = 500

export type SegmentType = "saved" | "static" | "fuzzy"

/** One of Mailchimp's many condition schemas (Aim, Date, EmailAddress, StaticSegment, …). */
export type SegmentCondition = {
  condition_type?: string
  field: string
  op: string
  value?: unknown
  extra?: unknown
}

export type SegmentOptions = { match?: "any" | "all"; conditions?: SegmentCondition[] }

export type Segment = {
  /** A number, though the path parameter is a string. */
  id: number
  name: string
  member_count: number
  type: SegmentType
  created_at: string
  updated_at: string
  options?: SegmentOptions
  list_id: string
}

export type SegmentsPage = { segments: Segment[]; list_id: string; total_items: number }

type IncludeQuery = {
  include_cleaned?: boolean
  include_transactional?: boolean
  include_unsubscribed?: boolean
}

export type ListSegmentsQuery = PageQuery &
  IncludeQuery & {
    type?: SegmentType
    since_created_at?: string
    before_created_at?: string
    since_updated_at?: string
    before_updated_at?: string
  }

/** A static segment (a tag) when `static_segment` is given, a saved one when `options` is. */
export type SegmentCreateBody = {
  name: string
  /** Addresses to put in a new static segment; an empty array makes an empty one. */
  static_segment?: string[]
  options?: SegmentOptions
}

/** The API requires `name` on PATCH too. */
export type SegmentUpdateBody = SegmentCreateBody

export type SegmentMembersChange = { members_to_add?: string[]; members_to_remove?: string[] }

export type SegmentMembersChangeResult = {
  members_added: MemberSummary[]
  members_removed: MemberSummary[]
  errors: { email_addresses: string[]; error: string }[]
  total_added: number
  total_removed: number
  error_count: number
}

export type SegmentMembersPage = { members: MemberSummary[]; total_items: number }

export class SegmentsApi {
  constructor(private readonly http: Requester) {}

  list(listId: string, query?: ListSegmentsQuery): Promise<SegmentsPage> {
    return this.http.request("GET", apiPath`/lists/${listId}/segments`, { query })
  }

  create(listId: string, body: SegmentCreateBody): Promise<Segment> {
    return this.http.request("POST", apiPath`/lists/${listId}/segments`, { body })
  }

  /** Shorthand for a static segment holding `emails` (may be empty). */
  createStatic(listId: string, name: string, emails: string[] = []): Promise<Segment> {
    return this.create(listId, { name, static_segment: emails })
  }

  get(listId: string, segmentId: string | number, query?: FieldsQuery & IncludeQuery): Promise<Segment> {
    return this.http.request("GET", apiPath`/lists/${listId}/segments/${segmentId}`, { query })
  }

  update(listId: string, segmentId: string | number, body: SegmentUpdateBody): Promise<Segment> {
    return this.http.request("PATCH", apiPath`/lists/${listId}/segments/${segmentId}`, { body })
  }

  delete(listId: string, segmentId: string | number): Promise<void> {
    return this.http.request("DELETE", apiPath`/lists/${listId}/segments/${segmentId}`)
  }

  /** Adds and removes up to 500 addresses each in one call; per-address failures come back in `errors`. */
  changeMembers(
    listId: string,
    segmentId: string | number,
    change: SegmentMembersChange
  ): Promise<SegmentMembersChangeResult> {
    for (const key of ["members_to_add", "members_to_remove"] as const) {
      const count = change[key]?.length ?? 0
      if (count > SEGMENT_MEMBERS_LIMIT) {
        return Promise.reject(
          new RangeError(`${key} takes at most ${SEGMENT_MEMBERS_LIMIT} addresses per call, got ${count}`)
        )
      }
    }
    return this.http.request("POST", apiPath`/lists/${listId}/segments/${segmentId}`, { body: change })
  }

  listMembers(
    listId: string,
    segmentId: string | number,
    query?: PageQuery & IncludeQuery
  ): Promise<SegmentMembersPage> {
    return this.http.request("GET", apiPath`/lists/${listId}/segments/${segmentId}/members`, { query })
  }
}
