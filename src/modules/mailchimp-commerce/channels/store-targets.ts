import type { CommerceOptions } from "../options"

/**
 * One Mailchimp e-commerce store the plugin writes to: the store of one or more sales channels (`salesChannels`), or,
 * without that option, the one store of the whole Medusa store (`storeId`, every channel). `currency` unset: the
 * Medusa store's default currency.
 */
export type StoreTarget = {
  storeId: string
  audienceId: string
  name?: string
  currency?: string
  storefrontUrl?: string
  /** The sales channels whose objects go to this store; null: every channel (no `salesChannels` option). */
  channelIds: string[] | null
}

/** Every Mailchimp store the options name, each once. */
export function storeTargets(options: CommerceOptions): StoreTarget[] {
  const channels = options.salesChannels
  if (!channels) {
    return [{ storeId: options.storeId, audienceId: options.audienceId, name: options.storeName, storefrontUrl: options.storefrontUrl, channelIds: null }]
  }
  const stores = new Map<string, StoreTarget>()
  for (const [channelId, c] of Object.entries(channels)) {
    const held = stores.get(c.storeId)
    if (held) {
      held.channelIds!.push(channelId)
      continue
    }
    stores.set(c.storeId, {
      storeId: c.storeId,
      audienceId: c.audienceId ?? options.audienceId,
      name: c.name,
      currency: c.currency,
      storefrontUrl: c.storefrontUrl,
      channelIds: [channelId],
    })
  }
  return [...stores.values()]
}

/** The store a sales channel's carts and orders go to; null when the channel is not mapped (nothing is sent). */
export function storeOfChannel(options: CommerceOptions, channelId: string | null | undefined): StoreTarget | null {
  const targets = storeTargets(options)
  if (!options.salesChannels) return targets[0]
  return targets.find((t) => !!channelId && t.channelIds!.includes(channelId)) ?? null
}

/** The stores of these sales channels (a product's, or those of a customer's carts and orders), each once. */
export function storesOfChannels(options: CommerceOptions, channelIds: (string | null | undefined)[]): StoreTarget[] {
  const targets = storeTargets(options)
  if (!options.salesChannels) return targets
  return targets.filter((t) => t.channelIds!.some((id) => channelIds.includes(id)))
}

/** The store by its id, among those the options name. */
export function storeById(options: CommerceOptions, storeId: string): StoreTarget | undefined {
  return storeTargets(options).find((t) => t.storeId === storeId)
}

/** Why an object of an unmapped sales channel was left out (its sync row's note; the admin sync page shows it). */
export function unmappedChannelNote(channelId: string | null | undefined): string {
  return channelId
    ? `sales channel ${channelId} is not mapped to a Mailchimp store (salesChannels option): not sent`
    : "no sales channel, and salesChannels maps channels only: not sent"
}

/**
 * The audience whose consents decide a customer's `opt_in_status` in a store. Mailchimp subscribes an e-commerce
 * customer sent with `true` to the store's audience, so with `salesChannels` only a consent and a member of the
 * store's own audience count (consent is per audience; docs/sales-channels.md). Without the option: undefined, the
 * rule as it always was (the latest consent, the member of the plugin's audience).
 */
export function consentAudienceOf(options: CommerceOptions, store: StoreTarget): string | undefined {
  return options.salesChannels ? store.audienceId : undefined
}
