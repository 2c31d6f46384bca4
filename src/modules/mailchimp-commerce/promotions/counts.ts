import type { IMailchimpCommerceService } from "../../../types/mailchimp-commerce-module"

export const PROMO_SYNC_STATUSES = ["synced", "skipped", "failed", "pending"] as const
export type PromoSyncCounts = Record<(typeof PROMO_SYNC_STATUSES)[number], number>

/** How the promotions stand in Mailchimp, by sync status (the sync screen and the backfill report show them). */
// One statement on the promotions' own rows (sql/sync.ts SYNC_STATUS_COUNTS), whatever the size of the table.
export async function promoSyncCounts(commerce: IMailchimpCommerceService): Promise<PromoSyncCounts> {
  const counted = await commerce.syncStatusCounts("promo")
  return Object.fromEntries(PROMO_SYNC_STATUSES.map((s) => [s, counted[s] ?? 0])) as PromoSyncCounts
}
