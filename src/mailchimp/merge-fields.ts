import type { PageQuery, Requester } from "./request-types"
import { apiPath } from "./url"

export type MergeFieldType =
  | "text"
  | "number"
  | "address"
  | "phone"
  | "date"
  | "url"
  | "imageurl"
  | "radio"
  | "dropdown"
  | "birthday"
  | "zip"

export type MergeFieldOptions = {
  default_country?: number
  phone_format?: string
  date_format?: string
  choices?: string[]
  size?: number
}

export type MergeField = {
  merge_id: number
  tag: string
  name: string
  type: MergeFieldType
  required: boolean
  default_value?: string
  public?: boolean
  display_order?: number
  options?: MergeFieldOptions
  help_text?: string
  list_id: string
}

export type MergeFieldsPage = { merge_fields: MergeField[]; list_id: string; total_items: number }

export type ListMergeFieldsQuery = PageQuery & { type?: string; required?: boolean }

export type MergeFieldCreateBody = {
  /** Up to 10 characters, e.g. `FNAME`; Mailchimp generates one when omitted. */
  tag?: string
  name: string
  type: MergeFieldType
  required?: boolean
  default_value?: string
  public?: boolean
  display_order?: number
  options?: Omit<MergeFieldOptions, "size">
  help_text?: string
}

export class MergeFieldsApi {
  constructor(private readonly http: Requester) {}

  list(listId: string, query?: ListMergeFieldsQuery): Promise<MergeFieldsPage> {
    return this.http.request("GET", apiPath`/lists/${listId}/merge-fields`, { query })
  }

  create(listId: string, body: MergeFieldCreateBody): Promise<MergeField> {
    return this.http.request("POST", apiPath`/lists/${listId}/merge-fields`, { body })
  }
}
