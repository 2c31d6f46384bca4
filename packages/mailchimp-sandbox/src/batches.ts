/**
 * POST /batches: operations run in the background, each as a request run through the sandbox's own /3.0
 * in-process (local-request.ts: the whole express pipeline, without a socket), so that strict mode, faults, latency and
 * every rule apply inside batches too. Batch operations do not count against the limit of simultaneous
 * connections.
 *
 * Like Mailchimp, several batches run at once (`batchConcurrency`, oldest pending first) and each batch runs
 * several operations at once (`batchOperationConcurrency`). Operations start in an order drawn from the seed,
 * not the order given (Mailchimp does not keep it either); operations on the same path run one after another in
 * that order, so a batch's results do not depend on timing.
 */
import type express from "express"
import { readResultsArchive, resultsArchive } from "./batch-archive"
import { BATCH_HEADER } from "./batch-marker"
import { localRequest } from "./local-request"
import { randomHex } from "./hash"
import { ApiError, errors, problemBody } from "./problems"
import { seededRandom, shuffled } from "./random"
import type { SandboxState } from "./state"
import { apiTime, sleep } from "./time"
import type { BatchOperationInput, BatchOperationResult, BatchRecord } from "./types"

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]

type Body = Record<string, unknown>

function readOperations(body: Body): BatchOperationInput[] {
  if (!Array.isArray(body.operations)) {
    throw errors.invalidResource([{ field: "", message: "Required fields were not provided: operations" }])
  }
  if (!body.operations.length) {
    throw errors.invalidResource([{ field: "operations", message: "A batch needs at least one operation." }])
  }
  return body.operations.map((raw: unknown, i: number) => {
    const at = `operations.${i}`
    const op = (raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {}) as Body
    if (typeof op.method !== "string" || !METHODS.includes(op.method)) {
      throw errors.invalidResource([{ field: `${at}.method`, message: `Value is not one of enum values: ${METHODS.join(", ")}` }])
    }
    if (typeof op.path !== "string" || !op.path) {
      throw errors.invalidResource([{ field: `${at}.path`, message: "Required fields were not provided: path" }])
    }
    if (op.params !== undefined && (!op.params || typeof op.params !== "object" || Array.isArray(op.params))) {
      throw errors.invalidResource([{ field: `${at}.params`, message: "Schema describes object" }])
    }
    if (op.body !== undefined && typeof op.body !== "string") {
      throw errors.invalidResource([{ field: `${at}.body`, message: "Schema describes string: the body is a JSON string." }])
    }
    if (op.operation_id !== undefined && typeof op.operation_id !== "string") {
      throw errors.invalidResource([{ field: `${at}.operation_id`, message: "Schema describes string" }])
    }
    return {
      method: op.method as BatchOperationInput["method"],
      path: op.path,
      ...(op.params ? { params: op.params as Record<string, unknown> } : {}),
      ...(op.body !== undefined ? { body: op.body } : {}),
      ...(op.operation_id !== undefined ? { operation_id: op.operation_id } : {}),
    }
  })
}

export function requireBatch(state: SandboxState, id: string): BatchRecord {
  const batch = state.batches.get(id)
  if (!batch) throw errors.notFound()
  return batch
}

/** The path of the results at the sandbox (the answer makes it absolute with the request's host). */
export function resultsPath(batch: BatchRecord): string {
  return `/_sandbox/batches/${batch.id}/response.tar.gz`
}

export function batchView(batch: BatchRecord, origin: string): Record<string, unknown> {
  return {
    id: batch.id,
    status: batch.status,
    total_operations: batch.total_operations,
    finished_operations: batch.finished_operations,
    errored_operations: batch.errored_operations,
    submitted_at: batch.submitted_at,
    ...(batch.completed_at ? { completed_at: batch.completed_at } : {}),
    response_body_url: batch.status === "finished" && batch.archived ? `${origin}${resultsPath(batch)}` : "",
    _links: [],
  }
}

/** Operations on the same resource (path, without its query or a trailing slash) keep their drawn order. */
function resourceKey(op: BatchOperationInput): string {
  return op.path.replace(/^\/+|\/+$/g, "").toLowerCase()
}

export class BatchRunner {
  /** Batches taken (waiting for their start delay or running). */
  private readonly running = new Set<BatchRecord>()

  constructor(
    private readonly state: SandboxState,
    private readonly app: () => express.Express
  ) {}

  /** Accepts a batch: 429 when `maxPendingBatches` are unfinished already. */
  submit(body: Body): BatchRecord {
    const operations = readOperations(body)
    const unfinished = [...this.state.batches.values()].filter((b) => b.status !== "finished").length
    if (unfinished >= this.state.maxPendingBatches) {
      throw new ApiError(
        429,
        "Too Many Requests",
        `You have exceeded the limit of ${this.state.maxPendingBatches} pending batches. Wait for some to finish before submitting more.`
      )
    }
    const batch = {
      id: randomHex(10),
      status: "pending",
      operations,
      total_operations: operations.length,
      finished_operations: 0,
      errored_operations: 0,
      submitted_at: apiTime(),
      archived: false,
      cancelled: false,
    } as BatchRecord
    const files = this.state.batchFiles
    Object.defineProperty(batch, "results", {
      get: () => (batch.archived ? readResultsArchive(files.archive(batch.id)) : []),
      enumerable: false,
    })
    this.state.batches.set(batch.id, batch)
    this.kick()
    return batch
  }

  /** DELETE /batches/{id}: a running batch stops after its current operation; its results are gone. */
  remove(batch: BatchRecord): void {
    batch.cancelled = true
    this.state.batches.delete(batch.id)
    this.state.batchFiles.remove(batch.id)
  }

  /** Starts the oldest pending batches while fewer than `batchConcurrency` run and the sandbox is not paused. */
  kick(): void {
    while (!this.state.batchesPaused && this.running.size < this.state.batchConcurrency) {
      let next: BatchRecord | undefined
      for (const b of this.state.batches.values()) {
        if (b.status === "pending" && !this.running.has(b)) {
          next = b
          break
        }
      }
      if (!next) return
      const batch = next
      this.running.add(batch)
      const generation = this.state.generation
      void this.state.track(
        this.run(batch, generation).finally(() => {
          this.running.delete(batch)
          this.kick()
        })
      )
    }
  }

  private async run(batch: BatchRecord, generation: number): Promise<void> {
    await sleep(this.state.batchStartDelayMs)
    const stale = () => generation !== this.state.generation || batch.cancelled
    if (stale()) return
    if (this.state.batchesPaused) return
    batch.status = "started"
    this.state.counters.batches += 1
    const order = shuffled(
      batch.operations.map((_, i) => i),
      seededRandom(`${this.state.activitySeed}|batch ${this.state.counters.batches}`)
    )
    const results: BatchOperationResult[] = new Array(batch.operations.length)
    // Each operation waits for the one drawn before it on the same resource. The chains are laid out before any
    // operation starts, and workers take operations in the drawn order, so a wait is always on one already taken.
    const waitFor = new Map<number, Promise<void>>()
    const settle = new Map<number, () => void>()
    const last = new Map<string, Promise<void>>()
    for (const i of order) {
      const key = resourceKey(batch.operations[i])
      const before = last.get(key)
      if (before) waitFor.set(i, before)
      last.set(key, new Promise<void>((resolve) => settle.set(i, resolve)))
    }
    let taken = 0
    const worker = async (): Promise<void> => {
      while (taken < order.length && !stale()) {
        const i = order[taken++]
        try {
          await waitFor.get(i)
          if (stale()) return
          const result = await this.execute(batch, batch.operations[i])
          results[i] = result
          batch.finished_operations += 1
          if (result.status_code >= 400) batch.errored_operations += 1
        } finally {
          settle.get(i)!()
        }
      }
    }
    const workers = Math.max(1, Math.min(this.state.batchOperationConcurrency, order.length))
    await Promise.all(Array.from({ length: workers }, () => worker()))
    if (stale()) return
    // The results and operations leave the heap (batch-files.ts): only the counts stay.
    await this.state.batchFiles.keep(batch.id, await resultsArchive(batch.id, results), batch.operations)
    if (stale()) return this.state.batchFiles.remove(batch.id)
    batch.archived = true
    batch.operations = []
    batch.completed_at = apiTime()
    batch.status = "finished"
  }

  private async execute(batch: BatchRecord, op: BatchOperationInput): Promise<BatchOperationResult> {
    const operation_id = op.operation_id ?? null
    try {
      const url = new URL(`/3.0${op.path.startsWith("/") ? "" : "/"}${op.path}`, "http://127.0.0.1")
      for (const [k, v] of Object.entries(op.params ?? {})) {
        for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item))
      }
      const headers: Record<string, string> = {
        authorization: `Bearer ${this.state.apiKey}`,
        [BATCH_HEADER]: `${this.state.batchToken}:${batch.id}`,
      }
      if (op.body !== undefined) headers["content-type"] = "application/json"
      const { status, text } = await localRequest(this.app(), {
        method: op.method,
        url: url.pathname + url.search,
        headers,
        body: op.body,
      })
      return { status_code: status, operation_id, response: text }
    } catch (e) {
      const detail = `The sandbox could not run this operation: ${(e as Error).message}`
      return {
        status_code: 500,
        operation_id,
        response: JSON.stringify(problemBody(500, "Internal Server Error", detail)),
      }
    }
  }
}
