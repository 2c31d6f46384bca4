import type { PluginOptions } from "../../../options"
import type { SavedSettings } from "./effective-options"

const SETTINGS_CACHE_MS = 30_000

/** The saved settings as read: the row (null: nothing saved) and when it was last changed. */
export type SettingsRead<S = SavedSettings> = { saved: S | null; stamp: string | null }

/**
 * The plugin options with the merchant's saved settings over them. The row is read at start, after a save
 * and, through `options()`, again in the background when older than 30 s; `onChange` runs when the row
 * changed since the last read (another audience or double opt-in rule: what was read from Mailchimp is stale).
 * A module with settings of its own (the commerce module's sales channel mapping) gives its options, its row and
 * how the row applies (`apply`).
 */
export class SettingsCache<O = PluginOptions, S = SavedSettings> {
  protected options_: O
  protected saved_: S | null = null
  protected readAt_ = 0
  protected stamp_?: string | null
  protected refresh_?: Promise<O>

  constructor(
    protected readonly base_: O,
    protected readonly read_: () => Promise<SettingsRead<S>>,
    protected readonly onChange_: () => void,
    protected readonly apply_: (base: O, saved: S | null) => O
  ) {
    this.options_ = base_
  }

  /** The effective options; a read older than 30 s starts another in the background. */
  options(): O {
    if (Date.now() - this.readAt_ > SETTINGS_CACHE_MS) {
      void this.refresh().catch(() => undefined)
    }
    return this.options_
  }

  /** The effective options as last read, without starting a read. */
  current(): O {
    return this.options_
  }

  /** The options as medusa-config gives them, before the saved settings. */
  configured(): O {
    return this.base_
  }

  saved(): S | null {
    return this.saved_
  }

  /** Reads the saved settings now; reads already under way are shared. */
  async refresh(): Promise<O> {
    this.readAt_ = Date.now()
    this.refresh_ ??= this.read().finally(() => (this.refresh_ = undefined))
    return this.refresh_
  }

  protected async read(): Promise<O> {
    const { saved, stamp } = await this.read_()
    this.saved_ = saved
    this.options_ = this.apply_(this.base_, saved)
    if (stamp !== this.stamp_) {
      this.stamp_ = stamp
      this.onChange_()
    }
    return this.options_
  }
}
