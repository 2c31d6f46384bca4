import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

type KeyContext = { publishable_key_context?: { sales_channel_ids?: string[] } }

/**
 * The audience of an anonymous store request (a signup, the newsletter settings): the one audience the publishable
 * key's sales channels are mapped to, else the plugin's (docs/sales-channels.md, "Consent per audience").
 */
export function keyAudience(req: MedusaRequest, service: IMailchimpModuleService): string {
  return service.audienceOfChannels((req as KeyContext).publishable_key_context?.sales_channel_ids)
}

/**
 * The audience a cart's opt-in goes to: its sales channel's (the order keeps the cart's channel, and the order's
 * consent is recorded for that channel's audience). A cart being created names its channel in the body, or takes the
 * key's. Without `salesChannels` nothing is read: the plugin's audience.
 */
export async function cartAudience(req: MedusaRequest, service: IMailchimpModuleService, cartId: string | undefined): Promise<string> {
  if (!service.getOptions().salesChannels) return service.getOptions().audienceId
  if (!cartId) {
    const named = (req.body as { sales_channel_id?: unknown } | undefined)?.sales_channel_id
    return typeof named === "string" ? service.audienceOfChannel(named) : keyAudience(req, service)
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "cart", fields: ["sales_channel_id"], filters: { id: cartId } })
  return service.audienceOfChannel(data[0]?.sales_channel_id)
}
