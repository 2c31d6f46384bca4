import { isNotFound } from "../describe-error"
import type { SyncOutcome } from "../../../types/mailchimp-commerce-module"
import type { CommerceContext } from "./context"

/**
 * Deletes a cart's Mailchimp copy (its order was placed, it was emptied or it expired). Skipped when Mailchimp was
 * never sent it: `remote_exists` is set before a cart's first POST (cart-sync.ts), so a create still in flight is
 * never missed. A 404 means it is gone already.
 */
export async function deleteRemoteCart(ctx: CommerceContext, cartId: string, remoteExists: boolean, why: string): Promise<SyncOutcome> {
  if (!remoteExists) return { status: "synced", remote_exists: false, note: `${why}; never sent` }
  try {
    await ctx.client.ecommerce.carts.delete(ctx.storeId, cartId)
  } catch (e) {
    if (!isNotFound(e)) throw e
  }
  await ctx.commerce.setCartLinesSent(cartId, null)
  return { status: "synced", remote_exists: false, note: `${why}; deleted` }
}
