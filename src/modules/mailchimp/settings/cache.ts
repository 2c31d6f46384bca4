import type { PluginOptions } from "../../../options"
import { effectiveOptions, SavedSettings } from "./effective-options"

const SETTINGS_CACHE_MS = 30_000

/** The saved settings as read: the row (null: nothing saved) and when it was last changed. */
export type SettingsRead = { saved: SavedSettings | null; stamp: string | null }

/**
 * The plugin options with the merchant's saved settings over them. The row is read at start, after a save
 * and, through `options()`, again in the background when older than 30 s; `onChange` runs when the row
 * changed since the last read (another audience or double opt-in rule: what was read from Mailchimp is stale).
 */
export class SettingsCache {
  protected options_: PluginOptions
  protected saved_: SavedSettings | null = null
  protected readAt_ = 0
  protected stamp_?: string | null
  protected refresh_?: Promise<PluginOptions>

  constructor(
    protected readonly base_: PluginOptions,
    protected readonly read_: () => Promise<SettingsRead>,
    protected readonly onChange_: () => void
  ) {
    this.options_ = base_
  }

  /** The effective options; a read older than 30 s starts another in the background. */
  options(): PluginOptions {
    if (Date.now() - this.readAt_ > SETTINGS_CACHE_MS) {
      void this.refresh().catch(() => undefined)
    }
    return this.options_
  }

  /** The effective options as last read, without starting a read. */
  current(): PluginOptions {
    return this.options_
  }

  /** The options as medusa-config gives them, before the saved settings. */
  configured(): PluginOptions {
    return this.base_
  }

  saved(): SavedSettings | null {
    return this.saved_
  }

  /** Reads the saved settings now; reads already under way are shared. */
  async refresh(): Promise<PluginOptions> {
    this.readAt_ = Date.now()
    this.refresh_ ??= this.read().finally(() => (this.refresh_ = undefined))
    return this.refresh_
  }

  protected async read(): Promise<PluginOptions> {
    const { saved, stamp } = await this.read_()
    this.saved_ = saved
    this.options_ = effectiveOptions(this.base_, saved)
    if (stamp !== this.stamp_) {
      this.stamp_ = stamp
      this.onChange_()
    }
    return this.options_
  }
}
