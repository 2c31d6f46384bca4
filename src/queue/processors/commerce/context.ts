import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../modules/mailchimp-commerce"
import type MailchimpCommerceService from "../../../modules/mailchimp-commerce/service"
import type { GraphQuery } from "../../../modules/mailchimp-commerce/store-data"
import type { ProcessorContext } from "../context"

export type CommerceContext = ProcessorContext & {
  commerce: MailchimpCommerceService
  query: GraphQuery
  storeId: string
}

/** The processor context plus this module's service, Medusa's Query and the Mailchimp store id. */
export function commerceContext(ctx: ProcessorContext): CommerceContext {
  const commerce = ctx.resolve<MailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  return {
    ...ctx,
    commerce,
    query: ctx.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY),
    storeId: commerce.getOptions().storeId,
  }
}
