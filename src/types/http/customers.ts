import type { RowError, Timestamp } from "./common"

/** A customer's newsletter status, from the plugin's own member row. */
export type CustomerNewsletter = {
  email: string
  status: "subscribed" | "pending" | "unsubscribed" | "cleaned" | "none"
  changed_at: Timestamp | null
  source: string | null
  pending: "subscribe" | "unsubscribe" | null
}

export type ConsentEvidence = {
  at?: string
  ip?: string
  user_agent?: string
  label?: string
  note?: string
  actor_id?: string
} & Record<string, unknown>

export type ConsentSyncStatus = "pending" | "synced" | "failed" | "superseded"

/** One consent change, with the evidence the server took. */
export type ConsentRecord = {
  id: string
  email: string
  action: string
  source: string
  created_at: Timestamp
  order_id: string | null
  evidence: ConsentEvidence
  requested_status: string | null
  mailchimp_status: string | null
  sync_status: ConsentSyncStatus
  sync_error: RowError
  synced_at: Timestamp | null
}

export type MemberView = {
  email: string
  status: string
  status_at: Timestamp
  status_source: string
  reason: string | null
  group_tags: unknown
}

/** Where one store object stands with Mailchimp's e-commerce API; null when never asked for. */
export type CommerceSyncState = {
  status: "pending" | "synced" | "failed" | "skipped"
  synced_at: Timestamp | null
  attempts: number
  error: RowError
  note: string | null
  requested_at: Timestamp | null
} | null

export type PurchaseProfile = {
  email: string
  currency_code: string
  orders_count: number
  spent_orders_count: number
  total_spent: string | number
  average_order: string | number
  canceled_count: number
  first_order_at: Timestamp | null
  last_order_at: Timestamp | null
  other_currencies: unknown
  products: number
  categories: number
  collections: number
}

/** GET /admin/mailchimp/customers/:id/newsletter */
export type AdminCustomerNewsletterResponse = { newsletter: CustomerNewsletter }

/** POST /admin/mailchimp/customers/:id/newsletter */
export type AdminSetCustomerNewsletterResponse = { newsletter: CustomerNewsletter; consents: Record<string, unknown>[] }

/** POST /admin/mailchimp/customers/:id/newsletter (body) */
export type AdminSetCustomerNewsletter = { subscribed: boolean; note?: string }

/** GET /admin/mailchimp/customers/:id/consents: everything a request for access needs. */
export type AdminCustomerConsentsResponse = { customer_id: string; members: MemberView[]; consents: ConsentRecord[] }

/** GET /admin/mailchimp/customers/:id/purchase-profile */
export type AdminPurchaseProfileResponse = {
  enabled: boolean
  purchase_profile: PurchaseProfile | null
  customer_sync: CommerceSyncState
}

export type OrderNewsletter = {
  order_id: string
  email: string | null
  // ignored: something under the metadata key that the plugin did not write (not a consent)
  choice: { opt_in: boolean; at: Timestamp | null; label: string | null; ignored?: string } | null
  consent: {
    id: string
    created_at: Timestamp
    audience_id: string
    evidence: ConsentEvidence
    requested_status: string | null
    mailchimp_status: string | null
    sync_status: ConsentSyncStatus
    sync_error: RowError
    sync_attempts: number
    synced_at: Timestamp | null
  } | null
  member: { status: string; status_at: Timestamp; status_source: string } | null
  order_sync: CommerceSyncState
}

/** GET /admin/mailchimp/orders/:id/newsletter */
export type AdminOrderNewsletterResponse = { newsletter: OrderNewsletter }
