/**
 * A Map of JSON records kept deflated, for the stores that grow to a million records (members, store customers,
 * orders; see README, "Storage"). Each record is one latin1 string of its deflated JSON: a leaf for the garbage
 * collector, about a tenth of the record's size as objects. The dictionary is the first record stored, so records
 * of one kind compress against a record like them.
 *
 * Records handed out by `get` (and those `set`) stay live, decoded, while in use: code may change them in place
 * (`map.get(k).status = "x"`) and later reads see the change. A live record goes back to its deflated form when
 * untouched for `idleMs` (re-encoded only if its JSON changed), or on `flush()`. Iteration yields the live record
 * when there is one and a fresh decoded copy otherwise: code that changes records met while iterating writes them
 * back with `set`.
 */
import { deflateRawSync, inflateRawSync } from "zlib"

export interface CompactMapOptions<V> {
  /**
   * A short string per record that many records share (e.g. status and tag ids), kept beside the deflated form so
   * that counts over every record need not decode them (`summaries()`).
   */
  summarize?: (value: V) => string
  /** How long a record stays decoded after its last use. */
  idleMs?: number
  /** At most this many records decoded at once: past it, the least recently used go back first. */
  maxLive?: number
}

interface Live<V> {
  value: V
  /** The JSON the stored form holds; undefined when the stored form is not written yet. */
  json: string | undefined
  usedAt: number
}

const DEFAULT_IDLE_MS = 2000
const DEFAULT_MAX_LIVE = 50_000
/** The placeholder of a record only live so far: it keeps the key's place in the insertion order. */
const NOT_WRITTEN = ""

export class CompactMap<V extends object> {
  private readonly stored = new Map<string, string>()
  private readonly live = new Map<string, Live<V>>()
  private readonly summaryOf = new Map<string, string>()
  /** One copy of each summary string (there are few distinct ones). */
  private readonly summaryStrings = new Map<string, string>()
  private dictionary: Buffer | undefined
  private sweeper: NodeJS.Timeout | undefined
  private readonly summarize: ((value: V) => string) | undefined
  private readonly idleMs: number
  private readonly maxLive: number

  constructor(options: CompactMapOptions<V> = {}) {
    this.summarize = options.summarize
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS
    this.maxLive = options.maxLive ?? DEFAULT_MAX_LIVE
  }

  get size(): number {
    return this.stored.size
  }

  has(key: string): boolean {
    return this.stored.has(key)
  }

  get(key: string): V | undefined {
    const live = this.live.get(key)
    if (live) {
      live.usedAt = Date.now()
      // Moved to the end: the live map stays in order of last use.
      this.live.delete(key)
      this.live.set(key, live)
      return live.value
    }
    const data = this.stored.get(key)
    if (data === undefined) return undefined
    const json = this.inflate(data)
    const value = JSON.parse(json) as V
    this.keepLive(key, { value, json, usedAt: Date.now() })
    return value
  }

  set(key: string, value: V): this {
    const live = this.live.get(key)
    if (live && live.value === value) {
      live.usedAt = Date.now()
      return this
    }
    if (live) this.live.delete(key)
    if (!this.stored.has(key)) this.stored.set(key, NOT_WRITTEN)
    this.keepLive(key, { value, json: live?.json, usedAt: Date.now() })
    return this
  }

  /**
   * The live record, or a decoded copy not kept live (for reads over many records): changes to a copy count only
   * once `set`.
   */
  peek(key: string): V | undefined {
    const live = this.live.get(key)
    if (live) return live.value
    const data = this.stored.get(key)
    return data === undefined || data === NOT_WRITTEN ? undefined : (JSON.parse(this.inflate(data)) as V)
  }

  delete(key: string): boolean {
    this.live.delete(key)
    this.summaryOf.delete(key)
    return this.stored.delete(key)
  }

  clear(): void {
    this.live.clear()
    this.stored.clear()
    this.summaryOf.clear()
    this.stopSweeper()
  }

  keys(): IterableIterator<string> {
    return this.stored.keys()
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value
  }

  *entries(): IterableIterator<[string, V]> {
    for (const [key, data] of this.stored) {
      const value = data === NOT_WRITTEN ? this.live.get(key)?.value : this.peek(key)
      if (value) yield [key, value]
    }
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries()
  }

  forEach(fn: (value: V, key: string) => void): void {
    for (const [key, value] of this.entries()) fn(value, key)
  }

  /** Each record's summary (see `summarize`), live records' as they are now, without decoding the others. */
  *summaries(): IterableIterator<[string, string]> {
    const summarize = this.summarize
    if (!summarize) throw new Error("CompactMap: no summarize option")
    for (const key of this.stored.keys()) {
      const live = this.live.get(key)
      yield [key, live ? summarize(live.value) : this.summaryOf.get(key)!]
    }
  }

  /** Writes every live record back to its stored form. */
  flush(): void {
    for (const key of [...this.live.keys()]) this.writeBack(key)
    this.stopSweeper()
  }

  private keepLive(key: string, entry: Live<V>): void {
    this.live.set(key, entry)
    if (this.live.size > this.maxLive) this.writeBack(this.live.keys().next().value!)
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), this.idleMs)
      this.sweeper.unref?.()
    }
  }

  private sweep(): void {
    const before = Date.now() - this.idleMs
    // In order of last use: stop at the first record used since.
    for (const [key, entry] of this.live) {
      if (entry.usedAt > before) break
      this.writeBack(key)
    }
    if (!this.live.size) this.stopSweeper()
  }

  private stopSweeper(): void {
    if (this.sweeper) clearInterval(this.sweeper)
    this.sweeper = undefined
  }

  private writeBack(key: string): void {
    const entry = this.live.get(key)
    if (!entry) return
    this.live.delete(key)
    const json = JSON.stringify(entry.value)
    if (json !== entry.json) this.stored.set(key, this.deflate(json))
    if (this.summarize) {
      const summary = this.summarize(entry.value)
      let shared = this.summaryStrings.get(summary)
      if (shared === undefined) {
        if (this.summaryStrings.size > 10_000) this.summaryStrings.clear()
        this.summaryStrings.set(summary, summary)
        shared = summary
      }
      this.summaryOf.set(key, shared)
    }
  }

  private deflate(json: string): string {
    const bytes = Buffer.from(json)
    this.dictionary ??= bytes
    return deflateRawSync(bytes, { level: 1, dictionary: this.dictionary }).toString("latin1")
  }

  private inflate(data: string): string {
    return inflateRawSync(Buffer.from(data, "latin1"), { dictionary: this.dictionary }).toString()
  }
}
