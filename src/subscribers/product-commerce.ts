import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { GraphQuery, productIdForVariant } from "../modules/mailchimp-commerce/store-data"
import { requestCommerceSyncWorkflow } from "../workflows/commerce/request-commerce-sync"

/** Products (and their variants) follow the store: created and updated → upsert, deleted → delete. */
export default async function productCommerceHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  let productId: string | null = event.data.id
  if (event.name.startsWith("product-variant.")) {
    productId = await productIdForVariant(container.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY), event.data.id)
  }
  if (!productId) return
  const action = event.name === "product.deleted" ? "delete" : "upsert"
  await requestCommerceSyncWorkflow(container).run({
    input: { requests: [{ object_type: "product", object_id: productId, action }] },
  })
}

export const config: SubscriberConfig = {
  event: [
    "product.created",
    "product.updated",
    "product.deleted",
    "product-variant.created",
    "product-variant.updated",
    "product-variant.deleted",
  ],
  context: { subscriberId: "mailchimp-product-commerce" },
}
