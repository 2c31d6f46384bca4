import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { ApplicationMethodReader, GraphQuery, promotionIdOfMethod, promotionIdsOfCampaign } from "../modules/mailchimp-commerce/store-data"
import { requestCommerceSyncWorkflow } from "../workflows/commerce/request-commerce-sync"

/**
 * Promotions follow the store. Medusa 2.21 emits no promotion workflow events, only the promotion module's own
 * (internal) ones, one per table row changed: the promotion itself, its discount (application method) and its
 * campaign (name and dates). Each is traced to its promotions. The scheduled diff (src/jobs/diff-promotions.ts) is
 * the guarantee for what this misses (a condition added to a promotion, an order using a code).
 */
export default async function promotionCommerceHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY)
  const id = event.data?.id
  if (!id) return
  let ids: string[] = []
  if (event.name.startsWith("promotion.promotion.")) ids = [id]
  else if (event.name.startsWith("promotion.application_method.")) ids = [await promotionIdOfMethod(container.resolve<ApplicationMethodReader>(Modules.PROMOTION), id)].filter((x): x is string => !!x)
  else if (event.name.startsWith("promotion.campaign.")) ids = await promotionIdsOfCampaign(query, id)
  if (!ids.length) return
  const action = event.name === "promotion.promotion.deleted" ? "delete" : "upsert"
  await requestCommerceSyncWorkflow(container).run({
    input: { requests: ids.map((object_id) => ({ object_type: "promo" as const, object_id, action })) },
  })
}

export const config: SubscriberConfig = {
  event: [
    "promotion.promotion.created",
    "promotion.promotion.updated",
    "promotion.promotion.deleted",
    "promotion.application_method.created",
    "promotion.application_method.updated",
    "promotion.campaign.updated",
  ],
  context: { subscriberId: "mailchimp-promotion-commerce" },
}
