import type { ChannelStore } from "../../../options"
import type { CommerceOptions } from "../options"

export const COMMERCE_SETTINGS_ID = "mccset_store"

/** The saved row, as the service reads it: `sales_channels` null means "as the salesChannels option says". */
export type SavedCommerceSettings = {
  sales_channels: Record<string, ChannelStore> | null
  updated_by?: string | null
  updated_at?: Date | string | null
}

/** The options with the saved mapping over them: a saved mapping wins over the option; none, the option as it is. */
export function effectiveCommerceOptions(base: CommerceOptions, saved: SavedCommerceSettings | null): CommerceOptions {
  return saved?.sales_channels ? { ...base, salesChannels: saved.sales_channels } : base
}
