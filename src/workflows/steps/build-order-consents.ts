import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaOrder } from "../../modules/mailchimp-commerce/mapping"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"
import { readNewsletterChoice } from "../../modules/mailchimp/newsletter-choice"
import type { SqlConnection } from "../../modules/mailchimp-commerce/store-data"
import { readOrder } from "../../modules/mailchimp-commerce/store-data/order-reader"
import type { CreateConsentInput } from "./create-consent"

/** Reads the orders; answers the consents to record, one for each order whose shopper opted in. */
export const buildOrderConsentsStep = createStep(
  "build-mailchimp-order-consents",
  async ({ order_ids }: { order_ids: string[] }, { container }) => {
    const db = container.resolve<SqlConnection>(ContainerRegistrationKeys.PG_CONNECTION)
    const service = container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE)
    const key = service.getEvidenceKey()
    const orders = await Promise.all(order_ids.map((id) => readOrder(db, id)))
    return new StepResponse(
      orders.map((o) => orderConsent(o, key, service.audienceOfChannel(o?.sales_channel_id))).filter((c): c is CreateConsentInput => !!c)
    )
  }
)

/**
 * Only a choice the plugin sealed counts: anything else under the metadata key is ignored. The consent is for the
 * audience of the order's sales channel (the plugin's unless its mapping names one).
 */
function orderConsent(order: MedusaOrder | undefined, key: Buffer, audienceId: string): CreateConsentInput | null {
  const choice = readNewsletterChoice(order?.metadata, key)
  if (!order || !order.email || !choice?.opt_in) return null
  const address = order.shipping_address ?? order.billing_address ?? null
  return {
    audience_id: audienceId,
    email: order.email,
    customer_id: order.customer_id ?? null,
    customer_email: order.customer?.email ?? null,
    action: "opt_in",
    source: "checkout",
    order_id: order.id,
    cart_id: (order.metadata?.cart_id as string) ?? null,
    evidence: { ...choice },
    profile: {
      first_name: address?.first_name ?? order.customer?.first_name ?? null,
      last_name: address?.last_name ?? order.customer?.last_name ?? null,
      phone: address?.phone ?? order.customer?.phone ?? null,
      address: address
        ? {
            address_1: address.address_1,
            address_2: address.address_2,
            city: address.city,
            province: address.province,
            postal_code: address.postal_code,
            country_code: address.country_code,
          }
        : null,
      locale: order.locale ?? null,
    },
  }
}
