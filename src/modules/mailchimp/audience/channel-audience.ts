import type { PluginOptions } from "../../../options"
import type { SavedSettings } from "../settings/effective-options"

/**
 * The audience a sales channel's consents and members go to (docs/sales-channels.md, "Consent per audience"): the
 * `audienceId` its `salesChannels` mapping names, else the plugin's. A channel the option does not map, or no option
 * at all: the plugin's audience, as without channels.
 */
export function audienceOfChannel(options: PluginOptions, channelId: string | null | undefined): string {
  const mapped = channelId ? options.salesChannels?.[channelId] : undefined
  return mapped?.audienceId ?? options.audienceId
}

/**
 * The audience of a request that names channels but no cart (a publishable key's sales channels): the one audience
 * its mapped channels share; none mapped, or mapped to several audiences: the plugin's. A signup is never split over
 * audiences, nor guessed into one of several.
 */
export function audienceOfChannels(options: PluginOptions, channelIds: readonly string[] | null | undefined): string {
  if (!options.salesChannels || !channelIds?.length) return options.audienceId
  const audiences = new Set(channelIds.filter((id) => options.salesChannels![id]).map((id) => audienceOfChannel(options, id)))
  return audiences.size === 1 ? [...audiences][0] : options.audienceId
}

/**
 * The audiences the plugin may have subscribed someone in: its own and those the mapping names (an account unsubscribe
 * lowers the customer in each). Without `salesChannels`: the plugin's alone.
 */
export function consentAudiences(options: PluginOptions): string[] {
  return [...new Set([options.audienceId, ...Object.values(options.salesChannels ?? {}).map((c) => c.audienceId ?? options.audienceId)])]
}

/**
 * The interest categories offered with an opt-in into this audience: the effective option for the plugin's audience;
 * for another, what the merchant saved for it (settings keep them per audience), else none.
 */
export function interestCategoriesOf(options: PluginOptions, saved: SavedSettings | null | undefined, audienceId: string): string[] {
  if (audienceId === options.audienceId) return options.interestCategories
  return saved?.interest_categories?.[audienceId] ?? []
}
