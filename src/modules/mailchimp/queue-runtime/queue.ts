import { Job, Queue, QueueEvents, UnrecoverableError, Worker } from "bullmq"
import type IORedis from "ioredis"
import type { Logger } from "@medusajs/framework/types"
import { MailchimpError, type CallPermits } from "../../../mailchimp"
import type { PluginOptions } from "../../../options"
import { backoffDelay } from "./backoff"
import type { RedisCallPermits } from "./call-permits"
import { isJobName, jobIdFor, JobName, JobPayload, jobOptionsFor, parseJobPayload } from "./jobs"
import { createRedisConnection } from "./redis-connection"
import type { RedisRateLimit } from "./rate-limit"

export const QUEUE_NAME = "mailchimp"
const ENQUEUE_TIMEOUT_MS = 2_000
// Jobs at once for each connection Mailchimp allows: a job holds a connection only while its call is in
// flight (RedisCallPermits), so the others do their database work meanwhile.
const JOBS_PER_CONNECTION = 3

export type EnqueueResult = "queued" | "already-queued" | "unavailable"

/** What a handler learns about the run besides the payload. */
export type JobRun = { attempt: number; isLastAttempt: boolean }
export type JobHandler<N extends JobName> = (payload: JobPayload<N>, run: JobRun) => Promise<unknown>
/** The work of each job kind, registered from outside the module (src/queue registers the processors). */
export type JobHandlers = { [N in JobName]?: JobHandler<N> }

/**
 * The one queue every Mailchimp call goes through. Its calls in flight, across every process sharing
 * this Redis, are capped by the connection permits (Mailchimp allows 10 per account); BullMQ's global
 * concurrency caps the jobs running at once.
 */
export class MailchimpQueue {
  protected queue_?: Queue
  protected readonly producer_: IORedis
  protected readonly permits_: RedisCallPermits
  protected readonly rateLimit_: RedisRateLimit
  protected worker_?: Worker
  protected workerConnection_?: IORedis
  protected events_?: QueueEvents
  protected handlers_: JobHandlers = {}

  /** The producer connection, the call permits and the rate limit are built by the module's loader (loaders/connections.ts). */
  constructor(
    protected readonly options_: PluginOptions,
    protected readonly logger_: Logger,
    connections: { producer: IORedis; permits: RedisCallPermits; rateLimit: RedisRateLimit }
  ) {
    this.producer_ = connections.producer
    this.permits_ = connections.permits
    this.rateLimit_ = connections.rateLimit
  }

  protected queue(): Queue {
    if (!this.queue_) {
      this.queue_ = new Queue(QUEUE_NAME, {
        connection: this.producer(),
        prefix: this.options_.queuePrefix,
        defaultJobOptions: {
          attempts: this.options_.maxAttempts,
          backoff: { type: "mailchimp" },
          removeOnComplete: { age: 3_600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3_600 },
        },
      })
      this.queue_.on("error", () => {})
    }
    return this.queue_
  }

  protected producer(): IORedis {
    return this.producer_
  }

  /** The account's connections, shared by every process on this Redis: each call holds one while in flight. */
  callPermits(): CallPermits {
    return this.permits_
  }

  /** Counters shared by every process on this Redis (the signup limits). */
  rateLimit(): RedisRateLimit {
    return this.rateLimit_
  }

  /** Whether this process runs the queue's worker (only worker and shared mode start one). */
  isWorkerRunning(): boolean {
    return !!this.worker_
  }

  /**
   * Adds a job under its stable id. A job that already waits or runs is left alone; one that
   * finished or failed earlier is replaced, so a re-enqueue by the reconciler really runs again.
   * Never throws: when Redis is away the caller's row stays pending for the reconciler.
   * `delayMs` overrides the job kind's own delay (a caller's coalescing window).
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts: { delayMs?: number } = {}): Promise<EnqueueResult> {
    const data = parseJobPayload(name, payload)
    const jobId = jobIdFor(name, data)
    try {
      return await withTimeout(this.add(name, data, jobId, opts.delayMs), ENQUEUE_TIMEOUT_MS)
    } catch (e) {
      this.logger_.warn(`medusa-mailchimp: could not enqueue ${jobId} (${(e as Error).message}); the reconciler will retry`)
      return "unavailable"
    }
  }

  protected async add(name: string, data: unknown, jobId: string, delayMs?: number): Promise<EnqueueResult> {
    const queue = this.queue()
    const existing = await queue.getJob(jobId)
    if (existing) {
      const state = await existing.getState()
      if (state !== "completed" && state !== "failed" && state !== "unknown") {
        return "already-queued"
      }
      await existing.remove().catch(() => undefined)
    }
    const options = jobOptionsFor(name as JobName, this.options_.customerSyncDelayMs)
    await queue.add(name, data, { jobId, ...options, ...(delayMs !== undefined ? { delay: delayMs } : {}) })
    return "queued"
  }

  /**
   * Runs a job and waits for its result, for admin actions that answer with what Mailchimp
   * said. The job still goes through the queue and its limits; any worker may run it.
   */
  async runAndWait<N extends JobName>(name: N, payload: JobPayload<N>, timeoutMs = 30_000): Promise<unknown> {
    const data = parseJobPayload(name, payload)
    const jobId = jobIdFor(name, data)
    const queue = this.queue()
    if (!this.events_) {
      this.events_ = new QueueEvents(QUEUE_NAME, {
        connection: createRedisConnection(this.options_.redisUrl, "worker"),
        prefix: this.options_.queuePrefix,
      })
      this.events_.on("error", () => {})
      await this.events_.waitUntilReady()
    }
    const existing = await queue.getJob(jobId)
    if (existing && ["completed", "failed"].includes(await existing.getState())) {
      await existing.remove().catch(() => undefined)
    }
    const job = await queue.add(name, data, { jobId, attempts: 3, priority: jobOptionsFor(name, 0).priority })
    return job.waitUntilFinished(this.events_, timeoutMs)
  }

  /** Adds (or replaces) the handlers of job kinds; the worker runs them. */
  registerJobHandlers(handlers: JobHandlers): void {
    this.handlers_ = { ...this.handlers_, ...handlers }
  }

  hasJobHandlers(): boolean {
    return Object.keys(this.handlers_).length > 0
  }

  async startWorker(): Promise<void> {
    if (this.worker_) {
      return
    }
    const queue = this.queue()
    await withTimeout(queue.setGlobalConcurrency(this.options_.maxConcurrentCalls * JOBS_PER_CONNECTION), ENQUEUE_TIMEOUT_MS).catch((e) =>
      this.logger_.warn(`medusa-mailchimp: could not set the queue's global concurrency yet: ${e.message}`)
    )
    this.workerConnection_ = createRedisConnection(this.options_.redisUrl, "worker")
    const { retryBaseDelayMs, retryMaxDelayMs } = this.options_
    this.worker_ = new Worker(QUEUE_NAME, (job) => this.process(job), {
      connection: this.workerConnection_,
      prefix: this.options_.queuePrefix,
      concurrency: this.options_.maxConcurrentCalls * JOBS_PER_CONNECTION,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) =>
          backoffDelay(attemptsMade, retryBaseDelayMs, retryMaxDelayMs, (err as MailchimpError)?.retryAfterMs),
      },
    })
    this.worker_.on("error", (e) => this.logger_.warn(`medusa-mailchimp: worker: ${e.message}`))
    this.worker_.on("failed", (job, e) => {
      if (job) {
        this.logger_.warn(`medusa-mailchimp: job ${job.id} failed (attempt ${job.attemptsMade}): ${e.message}`)
      }
    })
  }

  protected async process(job: Job): Promise<unknown> {
    const name = job.name
    if (!isJobName(name)) {
      throw new UnrecoverableError(`Unknown job ${job.name}`)
    }
    const handler = this.handlers_[name] as JobHandler<JobName> | undefined
    if (!handler) {
      // Not retried here; the reconciler enqueues the work again once a worker knows it.
      throw new UnrecoverableError(`No handler registered for job ${job.name}`)
    }
    const payload = parseJobPayload(name, job.data)
    const run: JobRun = { attempt: job.attemptsMade + 1, isLastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }
    try {
      return await handler(payload, run)
    } catch (e) {
      if (e instanceof MailchimpError && !e.retryable) {
        throw new UnrecoverableError(e.message)
      }
      throw e
    }
  }

  async counts(): Promise<Record<string, number>> {
    return this.queue().getJobCounts("waiting", "active", "delayed", "failed", "completed", "paused")
  }

  /** The figures a screen shows: waiting (prioritized and paused included), active, delayed, failed. */
  async figures(): Promise<QueueFigures> {
    const c = await withTimeout(
      this.queue().getJobCounts("waiting", "prioritized", "paused", "active", "delayed", "failed", "completed"),
      ENQUEUE_TIMEOUT_MS
    )
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
    }
  }

  /** Failed jobs, newest first, with the reason each failed. */
  async failedJobs(offset: number, limit: number): Promise<FailedJob[]> {
    const jobs = await withTimeout(this.queue().getFailed(offset, offset + limit - 1), ENQUEUE_TIMEOUT_MS)
    return jobs.filter((job): job is Job => !!job?.id).map(failedJobOf)
  }

  /** The job when it is failed; undefined when it is gone or in another state. */
  async failedJob(id: string): Promise<FailedJob | undefined> {
    const job = await withTimeout(this.queue().getJob(id), ENQUEUE_TIMEOUT_MS)
    if (!job || (await job.getState()) !== "failed") return undefined
    return failedJobOf(job)
  }

  /** Runs a failed job again from its first attempt. False when it is no longer failed. */
  async retryFailedJob(id: string): Promise<boolean> {
    const job = await withTimeout(this.queue().getJob(id), ENQUEUE_TIMEOUT_MS)
    if (!job || (await job.getState()) !== "failed") return false
    await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true })
    return true
  }

  /** Removes a failed job. False when it is no longer failed. */
  async discardFailedJob(id: string): Promise<boolean> {
    const job = await withTimeout(this.queue().getJob(id), ENQUEUE_TIMEOUT_MS)
    if (!job || (await job.getState()) !== "failed") return false
    await job.remove()
    return true
  }

  /**
   * An erasure: removes every job not running (waiting, delayed, failed, completed…) whose id, data, result or
   * failure names one of `needles` (an address, a subscriber hash, a customer or order id), then the queue's
   * event entries that name one (BullMQ keeps the last 10,000 events, each with its job id). A running job
   * cannot be removed: the erasure job purges again when it ends. Answers what went.
   */
  async purgeJobsNaming(needles: string[]): Promise<{ jobs: number; events: number }> {
    const targets = [...new Set(needles.filter((n) => n && n.length >= 6).map((n) => n.toLowerCase()))]
    if (!targets.length) return { jobs: 0, events: 0 }
    const names = (text: string) => {
      const lower = text.toLowerCase()
      return targets.some((t) => lower.includes(t))
    }
    const queue = this.queue()
    const states = ["waiting", "prioritized", "delayed", "paused", "failed", "completed", "waiting-children"] as const
    const candidates = await queue.getJobs([...states], 0, -1, true)
    let jobs = 0
    for (const job of candidates) {
      if (!job?.id) continue
      const text = JSON.stringify([job.id, job.data, job.returnvalue, job.failedReason, job.stacktrace])
      if (!names(text)) continue
      const removed = await job.remove().then(
        () => true,
        () => false
      )
      if (removed) jobs++
    }
    return { jobs, events: await this.purgeEventsNaming(names) }
  }

  protected async purgeEventsNaming(names: (text: string) => boolean): Promise<number> {
    const redis = this.producer()
    const key = `${this.options_.queuePrefix}:${QUEUE_NAME}:events`
    let start = "-"
    let removed = 0
    for (;;) {
      const entries = (await redis.xrange(key, start, "+", "COUNT", 1_000)) as [string, string[]][]
      const doomed = entries.filter(([, fields]) => names(fields.join(" "))).map(([id]) => id)
      if (doomed.length) removed += await redis.xdel(key, ...doomed)
      if (entries.length < 1_000) return removed
      start = `(${entries[entries.length - 1][0]}`
    }
  }

  async stopWorker(): Promise<void> {
    await this.worker_?.close()
    this.worker_ = undefined
  }

  async close(): Promise<void> {
    await this.stopWorker()
    await this.events_?.close().catch(() => undefined)
    await this.queue_?.close().catch(() => undefined)
    this.workerConnection_?.disconnect()
    this.producer_.disconnect()
    this.queue_ = undefined
  }
}

export type QueueFigures = { waiting: number; active: number; delayed: number; failed: number; completed: number }

export type FailedJob = {
  id: string
  name: string
  data: Record<string, unknown>
  failed_reason: string
  attempts_made: number
  created_at: Date
  failed_at: Date | null
}

function failedJobOf(job: Job): FailedJob {
  return {
    id: job.id!,
    name: job.name,
    data: job.data ?? {},
    failed_reason: job.failedReason ?? "",
    attempts_made: job.attemptsMade,
    created_at: new Date(job.timestamp),
    failed_at: job.finishedOn ? new Date(job.finishedOn) : null,
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
