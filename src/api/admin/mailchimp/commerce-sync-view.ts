import type { MedusaContainer } from "@medusajs/framework/types"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../modules/mailchimp-commerce"
import type { IMailchimpCommerceService } from "../../../types/mailchimp-commerce-module"

/** The commerce module, when the store runs it (a store may use the consent module alone). */
export function commerceModule(scope: MedusaContainer): IMailchimpCommerceService | null {
  return scope.hasRegistration(MAILCHIMP_COMMERCE_MODULE) ? scope.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE) : null
}

/** Where one store object stands with Mailchimp's e-commerce API; null when never asked for. */
export async function commerceSyncOf(scope: MedusaContainer, objectType: "order" | "customer" | "product", objectId: string) {
  const commerce = commerceModule(scope)
  if (!commerce) return null
  const [row] = await commerce.listCommerceSyncs({ object_type: objectType, object_id: objectId }, { take: 1 })
  return row
    ? { status: row.status, synced_at: row.synced_at, attempts: row.attempts, error: row.error, note: row.note, requested_at: row.requested_at }
    : null
}
