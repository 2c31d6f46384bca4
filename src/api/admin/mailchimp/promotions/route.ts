import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../../modules/mailchimp-commerce"
import { promoSyncCounts } from "../../../../modules/mailchimp-commerce/promotions"
import type { GraphQuery } from "../../../../modules/mailchimp-commerce/store-data"
import type { IMailchimpCommerceService } from "../../../../types/mailchimp-commerce-module"
import type { AdminMailchimpPromotionsResponse, PromotionSyncRow } from "../../../../types/http"

/** The promotions' Mailchimp state for the sync screen: counts, and the skipped or failed ones with the reason. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminMailchimpPromotionsResponse>) {
  const commerce = req.scope.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const counts = await promoSyncCounts(commerce)
  const select = ["object_id", "status", "note", "error", "updated_at"]
  const [attention, recent] = await Promise.all([
    commerce.listCommerceSyncs({ object_type: "promo", status: ["skipped", "failed"] }, { take: 100, select, order: { updated_at: "DESC" } }),
    commerce.listCommerceSyncs({ object_type: "promo", status: ["synced", "pending"] }, { take: 100, select, order: { updated_at: "DESC" } }),
  ])
  const rows = [...attention, ...recent].slice(0, 100)
  const query = req.scope.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  const ids = rows.map((r) => r.object_id)
  const { data } = ids.length ? await query.graph({ entity: "promotion", fields: ["id", "code"], filters: { id: ids } }) : { data: [] }
  const codes = new Map((data as { id: string; code: string }[]).map((p) => [p.id, p.code]))
  res.json({
    promotions: {
      counts,
      rows: rows.map(
        (r): PromotionSyncRow => ({
          promotion_id: r.object_id,
          code: codes.get(r.object_id) ?? null,
          status: r.status,
          note: r.note,
          error: r.error as Record<string, unknown> | null,
          updated_at: r.updated_at,
        })
      ),
    },
  })
}
