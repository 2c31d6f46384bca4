import type { MergeFieldNames, PluginOptions } from "../../../options"

export const STORE_SETTINGS_ID = "mcset_store"

export type DoubleOptInSetting = "audience" | "on" | "off"

/** The saved row, as the service reads it: null means "as the plugin options say". */
export type SavedSettings = {
  audience_id: string | null
  double_opt_in: DoubleOptInSetting | null
  checkout_label: string | null
  tags: string[] | null
  merge_fields: Partial<MergeFieldNames> | null
  /** Per audience: the interest categories offered with an opt-in. */
  interest_categories?: Record<string, string[]> | null
  /**
   * The sales channel mapping saved in Settings → Mailchimp (the commerce module's row, read with this one): where a
   * channel's consents and members go follows the same mapping as its Mailchimp store. Not an editable core setting.
   */
  sales_channels?: PluginOptions["salesChannels"] | null
  updated_by?: string | null
  updated_at?: Date | string | null
}

export const EDITABLE_SETTINGS = ["audience_id", "double_opt_in", "checkout_label", "tags", "merge_fields", "interest_categories"] as const
export type EditableSetting = (typeof EDITABLE_SETTINGS)[number]

export function doubleOptInOption(setting: DoubleOptInSetting): PluginOptions["doubleOptIn"] {
  return setting === "audience" ? "audience" : setting === "on"
}

export function doubleOptInSetting(option: PluginOptions["doubleOptIn"]): DoubleOptInSetting {
  return option === "audience" ? "audience" : option ? "on" : "off"
}

/** The plugin options with the merchant's saved settings over them. */
export function effectiveOptions(base: PluginOptions, saved: SavedSettings | null | undefined): PluginOptions {
  if (!saved) return base
  const audienceId = saved.audience_id ?? base.audienceId
  return {
    ...base,
    audienceId,
    doubleOptIn: saved.double_opt_in ? doubleOptInOption(saved.double_opt_in) : base.doubleOptIn,
    checkoutLabel: saved.checkout_label ?? base.checkoutLabel,
    tags: saved.tags ?? base.tags,
    mergeFields: { ...base.mergeFields, ...(saved.merge_fields ?? {}) },
    // Saved per audience: another audience's categories mean nothing here.
    interestCategories: saved.interest_categories?.[audienceId] ?? base.interestCategories,
    salesChannels: saved.sales_channels ?? base.salesChannels,
  }
}

/** The settings that differ from the options because the merchant saved them. */
export function overriddenSettings(saved: SavedSettings | null | undefined): EditableSetting[] {
  if (!saved) return []
  return EDITABLE_SETTINGS.filter((key) => {
    const value = saved[key]
    return value !== null && value !== undefined && !(typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length)
  })
}

/**
 * The saved per-audience categories with one audience's changed (null: back to the option). Kept per audience, so
 * switching audiences back and forth keeps each one's choice.
 */
export function withAudienceCategories(
  saved: SavedSettings | null | undefined,
  audienceId: string,
  ids: string[] | null
): Record<string, string[]> | null {
  const { [audienceId]: _old, ...others } = saved?.interest_categories ?? {}
  const next = ids ? { ...others, [audienceId]: ids } : others
  return Object.keys(next).length ? next : null
}
