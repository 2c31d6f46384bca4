import type { IMailchimpCommerceService } from "../../../types/mailchimp-commerce-module"

export const PROMO_SYNC_STATUSES = ["synced", "skipped", "failed", "pending"] as const
export type PromoSyncCounts = Record<(typeof PROMO_SYNC_STATUSES)[number], number>

/** How the promotions stand in Mailchimp, by sync status (the sync screen and the backfill report show them). */
export async function promoSyncCounts(commerce: IMailchimpCommerceService): Promise<PromoSyncCounts> {
  const one = { take: 1, select: ["id"] }
  const counted = await Promise.all(PROMO_SYNC_STATUSES.map((status) => commerce.listAndCountCommerceSyncs({ object_type: "promo", status }, one)))
  return Object.fromEntries(PROMO_SYNC_STATUSES.map((s, i) => [s, counted[i][1]])) as PromoSyncCounts
}
