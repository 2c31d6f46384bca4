import type { Requester } from "./request-types"
import { apiPath } from "./url"

export type SiteScript = { url: string; fragment: string }

export type ConnectedSite = {
  foreign_id: string
  store_id: string
  platform: string
  domain: string
  site_script: SiteScript
  created_at: string
  updated_at: string
}

/** `/connected-sites`: the sites Mailchimp's script (mc.js) runs on (catalogue row J4). */
export class ConnectedSitesApi {
  constructor(private readonly http: Requester) {}

  list(query?: { count?: number; offset?: number }): Promise<{ sites: ConnectedSite[]; total_items: number }> {
    return this.http.request("GET", "/connected-sites", { query })
  }

  get(id: string): Promise<ConnectedSite> {
    return this.http.request("GET", apiPath`/connected-sites/${id}`)
  }

  create(body: { foreign_id: string; domain: string }): Promise<ConnectedSite> {
    return this.http.request("POST", "/connected-sites", { body })
  }
}
