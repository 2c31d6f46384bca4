/**
 * Group commit: items that arrive while a write is under way wait for the next one, and each write takes everything
 * waiting (up to `maxItems`) in one go. At low load a lone item is written at once (after the current turn of the
 * event loop, which gathers the requests parsed in the same turn); under load the groups grow by themselves, and
 * each caller's promise settles only when its own group's write did: with the write's result, or its error.
 *
 * `spacingMs` (0 by default): a write starts no sooner than this after the one before it began, unless its group
 * is full. Under a steady stream it makes the groups larger and the writes fewer (each write has a fixed cost in
 * the process that is paid per group, not per item); after a quiet spell the first item still goes at once.
 */
export type GroupWrite<I, R> = (items: I[]) => Promise<R[]>

export class GroupCommit<I, R> {
  protected waiting_: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = []
  protected writing_ = 0
  protected scheduled_ = false
  protected lastStart_ = 0

  constructor(
    protected readonly write_: GroupWrite<I, R>,
    protected readonly opts: { maxItems: number; maxConcurrentWrites: number; spacingMs?: number }
  ) {}

  add(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting_.push({ item, resolve, reject })
      this.schedule()
    })
  }

  /** Items waiting or being written (for tests and figures). */
  get pending(): number {
    return this.waiting_.length
  }

  protected schedule() {
    if (this.scheduled_ || this.writing_ >= this.opts.maxConcurrentWrites || !this.waiting_.length) return
    this.scheduled_ = true
    const run = () => {
      this.scheduled_ = false
      void this.flush()
    }
    const wait = this.lastStart_ + (this.opts.spacingMs ?? 0) - Date.now()
    if (wait > 0 && this.waiting_.length < this.opts.maxItems) setTimeout(run, wait)
    else setImmediate(run)
  }

  protected async flush() {
    if (this.writing_ >= this.opts.maxConcurrentWrites || !this.waiting_.length) return
    const group = this.waiting_.splice(0, this.opts.maxItems)
    this.lastStart_ = Date.now()
    this.writing_++
    try {
      const results = await this.write_(group.map((g) => g.item))
      group.forEach((g, i) => g.resolve(results[i]))
    } catch (e) {
      // Nothing of the group is known stored: every caller hears the failure (Mailchimp retries on a non-2xx).
      for (const g of group) g.reject(e)
    } finally {
      this.writing_--
      this.schedule()
    }
  }
}
