import type { FieldsQuery, Requester, RequestOptions } from "./request-types"

/** `GET /` (Mailchimp's "API Root"): who the key belongs to. */
export type Account = {
  account_id: string
  login_id?: string
  account_name: string
  email?: string
  first_name?: string
  last_name?: string
  username?: string
  role?: string
  member_since?: string
  pricing_plan_type?: string
  account_timezone?: string
  account_industry?: string
  pro_enabled?: boolean
  last_login?: string
  total_subscribers?: number
}

export class AccountApi {
  constructor(private readonly http: Requester) {}

  get(query?: FieldsQuery, opts?: Pick<RequestOptions, "timeoutMs">): Promise<Account> {
    return this.http.request("GET", "/", { query, ...opts })
  }
}
