import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MAILCHIMP_COMMERCE_MODULE } from "../../../modules/mailchimp-commerce"
import { storeTargets, type StoreTarget } from "../../../modules/mailchimp-commerce/channels"
import type { IMailchimpCommerceService } from "../../../types/mailchimp-commerce-module"
import { readStoreFacts, type GraphQuery } from "../../../modules/mailchimp-commerce/store-data"
import type { ProcessorContext } from "../context"

export type CommerceContext = ProcessorContext & {
  commerce: IMailchimpCommerceService
  query: GraphQuery
  /** The Mailchimp store written to (docs/sales-channels.md); `storeId` is its id. */
  store: StoreTarget
  storeId: string
}

/**
 * The processor context plus this module's service, Medusa's Query and a Mailchimp store: the first the options
 * name (the only one without `salesChannels`); a job that routes by sales channel moves to its store with `inStore`.
 */
export function commerceContext(ctx: ProcessorContext): CommerceContext {
  const commerce = ctx.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
  const [store] = storeTargets(commerce.getOptions())
  return {
    ...ctx,
    commerce,
    query: ctx.resolve<GraphQuery>(ContainerRegistrationKeys.QUERY),
    store,
    storeId: store.storeId,
  }
}

/** The currency of the context's store: its own, or the Medusa store's default. */
export async function storeCurrency(ctx: CommerceContext): Promise<string> {
  return ctx.store.currency ?? (await readStoreFacts(ctx.query)).currencyCode
}

/** The same context, writing to another Mailchimp store. */
export function inStore(ctx: CommerceContext, store: StoreTarget): CommerceContext {
  return { ...ctx, store, storeId: store.storeId }
}
