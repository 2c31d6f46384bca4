import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { ISalesChannelModuleService } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MailchimpError } from "../../mailchimp"
import { MAILCHIMP_MODULE } from "../../modules/mailchimp"
import { MAILCHIMP_COMMERCE_MODULE } from "../../modules/mailchimp-commerce"
import { audienceMoveProblems, channelsNeedingBackfill, storeTargets, type ChannelFieldName } from "../../modules/mailchimp-commerce/channels"
import { effectiveCommerceOptions } from "../../modules/mailchimp-commerce/settings/saved-mapping"
import { salesChannelProblems, type ChannelStore } from "../../options"
import type { IMailchimpCommerceService } from "../../types/mailchimp-commerce-module"
import type { IMailchimpModuleService } from "../../types/mailchimp-module"

/** The mapping to save: the salesChannels option's shape; null puts the option back. */
export type SalesChannelMappingChange = { sales_channels: Record<string, ChannelStore> | null }

// The request's names for the option's fields (errors name what the admin sent).
const REQUEST_FIELD: Record<keyof ChannelStore, string> = {
  storeId: "store_id",
  name: "name",
  currency: "currency",
  storefrontUrl: "storefront_url",
  audienceId: "audience_id",
}
const requestField: ChannelFieldName = (channelId, field) => `sales_channels.${channelId}.${REQUEST_FIELD[field]}`

const invalid = (problems: string[]) => new MedusaError(MedusaError.Types.INVALID_DATA, problems.join("; "))

/**
 * Checks a mapping before it is saved, by the rules the option is checked by at boot and by Mailchimp's: every
 * channel is a Medusa sales channel; a domain belongs to one store, a store to one audience, name and currency;
 * a store keeps its audience (in the mapping in force and in Mailchimp); each audience exists in the account.
 * Reads only. Answers the channels whose new store needs a backfill.
 */
export const checkSalesChannelMappingStep = createStep(
  "check-sales-channel-mapping",
  async ({ sales_channels }: SalesChannelMappingChange, { container }) => {
    const commerce = container.resolve<IMailchimpCommerceService>(MAILCHIMP_COMMERCE_MODULE)
    // The mapping in force as saved last (another process may have saved since this one read it).
    const current = await commerce.refreshCommerceSettings()
    const next = effectiveCommerceOptions(commerce.getConfiguredOptions(), { sales_channels })
    const channelModule = container.resolve<ISalesChannelModuleService>(Modules.SALES_CHANNEL)
    const mapping = sales_channels ?? {}
    const ids = Object.keys(mapping)
    const known = new Set(ids.length ? (await channelModule.listSalesChannels({ id: ids }, { select: ["id"] })).map((c) => c.id) : [])
    const unknown = ids.filter((id) => !known.has(id))
    if (unknown.length) throw invalid(unknown.map((id) => `sales_channels.${id}: no Medusa sales channel has this id`))
    const problems = [...salesChannelProblems(mapping, current.audienceId, requestField), ...audienceMoveProblems(current, mapping, requestField)]
    if (problems.length) throw invalid(problems)
    await checkWithMailchimp(container.resolve<IMailchimpModuleService>(MAILCHIMP_MODULE), current.audienceId, mapping, new Set(storeTargets(current).map((t) => t.storeId)))

    const all = await channelModule.listSalesChannels({}, { select: ["id"], take: 1000 })
    return new StepResponse({ backfill_channels: channelsNeedingBackfill(current, next, all.map((c) => c.id)) })
  }
)

/**
 * What only Mailchimp knows: each audience named exists, and a store new to the mapping is not held by Mailchimp on
 * another audience (an id used before, then taken out of the mapping).
 */
async function checkWithMailchimp(service: IMailchimpModuleService, defaultAudienceId: string, mapping: Record<string, ChannelStore>, inForce: Set<string>) {
  const client = service.getClient()
  const problems: string[] = []
  const audiences = new Map<string, string>()
  for (const [id, c] of Object.entries(mapping)) if (c.audienceId && c.audienceId !== defaultAudienceId) audiences.set(c.audienceId, id)
  const stores = new Map<string, [string, string]>()
  for (const [id, c] of Object.entries(mapping)) if (!inForce.has(c.storeId)) stores.set(c.storeId, [id, c.audienceId ?? defaultAudienceId])
  try {
    for (const [audienceId, channelId] of audiences) {
      const list = await client.lists.getList(audienceId, { fields: ["id"] }).catch(notFound)
      if (!list) problems.push(`${requestField(channelId, "audienceId")}: this Mailchimp account has no audience ${audienceId}`)
    }
    for (const [storeId, [channelId, audienceId]] of stores) {
      const held = await client.ecommerce.stores.get(storeId).catch(notFound)
      if (held && held.list_id !== audienceId) {
        problems.push(
          `${requestField(channelId, "storeId")}: Mailchimp holds a store ${storeId} of audience ${held.list_id}, and a store's audience never changes: give this channel a new store id`
        )
      }
    }
  } catch (e) {
    if (!(e instanceof MailchimpError)) throw e
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Mailchimp could not be asked about the mapping (${e.title}: ${e.detail}); nothing was saved`)
  }
  if (problems.length) throw invalid(problems)
}

function notFound(e: unknown): null {
  if (e instanceof MailchimpError && e.status === 404) return null
  throw e
}
