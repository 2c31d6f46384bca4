import { Job, Queue, QueueEvents, UnrecoverableError, Worker } from "bullmq"
import { container as storeContainer } from "@medusajs/framework"
import type IORedis from "ioredis"
import type { Logger } from "@medusajs/framework/types"
import { MailchimpError, type CallPermits } from "../mailchimp"
import type { PluginOptions } from "../options"
import { backoffDelay } from "./backoff"
import { RedisCallPermits } from "./call-permits"
import { isJobName, jobIdFor, JobName, JobPayload, jobOptionsFor, parseJobPayload } from "./jobs"
import { createRedisConnection } from "./redis-connection"
import { processors, ProcessorContext } from "./processors"

export const QUEUE_NAME = "mailchimp"
const ENQUEUE_TIMEOUT_MS = 2_000
// Jobs at once for each connection Mailchimp allows: a job holds a connection only while its call is in
// flight (RedisCallPermits), so the others do their database work meanwhile.
const JOBS_PER_CONNECTION = 3

export type EnqueueResult = "queued" | "already-queued" | "unavailable"

/**
 * The one queue every Mailchimp call goes through. Its calls in flight, across every process sharing
 * this Redis, are capped by the connection permits (Mailchimp allows 10 per account); BullMQ's global
 * concurrency caps the jobs running at once.
 */
export class MailchimpQueue {
  protected queue_?: Queue
  protected producer_?: IORedis
  protected permits_?: RedisCallPermits
  protected worker_?: Worker
  protected workerConnection_?: IORedis
  protected events_?: QueueEvents

  constructor(protected readonly options_: PluginOptions, protected readonly logger_: Logger) {}

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
    this.producer_ ??= createRedisConnection(this.options_.redisUrl, "producer")
    return this.producer_
  }

  /** The account's connections, shared by every process on this Redis: each call holds one while in flight. */
  callPermits(): CallPermits {
    this.permits_ ??= new RedisCallPermits(this.producer(), `${this.options_.queuePrefix}:${QUEUE_NAME}:call-permits`, this.options_.maxConcurrentCalls)
    return this.permits_
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

  async startWorker(service: ProcessorContext["service"]): Promise<void> {
    if (this.worker_) {
      return
    }
    const queue = this.queue()
    await withTimeout(queue.setGlobalConcurrency(this.options_.maxConcurrentCalls * JOBS_PER_CONNECTION), ENQUEUE_TIMEOUT_MS).catch((e) =>
      this.logger_.warn(`medusa-mailchimp: could not set the queue's global concurrency yet: ${e.message}`)
    )
    this.workerConnection_ = createRedisConnection(this.options_.redisUrl, "worker")
    const { retryBaseDelayMs, retryMaxDelayMs } = this.options_
    this.worker_ = new Worker(QUEUE_NAME, (job) => this.process(job, service), {
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

  protected async process(job: Job, service: ProcessorContext["service"]): Promise<unknown> {
    const name = job.name
    if (!isJobName(name)) {
      throw new UnrecoverableError(`Unknown job ${job.name}`)
    }
    const processor = processors[name] as (payload: unknown, ctx: ProcessorContext) => Promise<unknown>
    const payload = parseJobPayload(name, job.data)
    const context: ProcessorContext = {
      service,
      client: service.getClient(),
      options: service.getOptions(),
      logger: this.logger_,
      attempt: job.attemptsMade + 1,
      isLastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      resolve: <T>(key: string) => storeContainer.resolve<T>(key),
    }
    try {
      return await processor(payload, context)
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

  async stopWorker(): Promise<void> {
    await this.worker_?.close()
    this.worker_ = undefined
  }

  async close(): Promise<void> {
    await this.stopWorker()
    await this.events_?.close().catch(() => undefined)
    await this.queue_?.close().catch(() => undefined)
    this.workerConnection_?.disconnect()
    this.producer_?.disconnect()
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
